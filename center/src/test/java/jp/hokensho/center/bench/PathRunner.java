package jp.hokensho.center.bench;

import jakarta.xml.ws.BindingProvider;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import jp.hokensho.center.e2e.BenchmarkAccess;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.EligibilityQuery;
import org.apache.cxf.rt.security.SecurityConstants;

/** Measures one path of the benchmark at a number of callers and adds its row(s) to the results. */
final class PathRunner {
    /** Cards the demo answers VALID on these dates (any other answer counts as an error). */
    static final EligibilityQuery PRE_STORED = query("33120015", "大阪", "100", LocalDate.of(2025, 6, 1));
    static final EligibilityQuery REAL_TIME = query("00000001", "東京", "001", LocalDate.of(2005, 7, 8));

    private final BenchmarkAccess stack;
    private final ClientBus bus;
    private final BenchUsers users;
    private final String stockAddress;
    private final StockJdkProcess stockJdk;
    private static final Duration STOCK_JDK_FIRST_WARMUP =
            Duration.ofSeconds(Integer.getInteger("bench.stock-jdk.first-warmup-seconds", 30));
    private final Duration warmup;
    private boolean stockJdkWarmed;
    private final Duration measure;
    private final List<Measurement> results;
    private boolean usersFirstCheckDone;

    /**
     * @param users        null without the users path
     * @param stockAddress null without the stock path
     * @param stockJdk     null without the stock-jdk path
     */
    PathRunner(BenchmarkAccess stack, ClientBus bus, BenchUsers users, String stockAddress, StockJdkProcess stockJdk,
               Duration warmup, Duration measure, List<Measurement> results) {
        this.stack = stack;
        this.bus = bus;
        this.users = users;
        this.stockAddress = stockAddress;
        this.stockJdk = stockJdk;
        this.warmup = warmup;
        this.measure = measure;
        this.results = results;
    }

    /** A single-verification path: warm-up, then the measured run; {@code suffix} names the round. */
    void single(String path, String suffix, int callers) throws Exception {
        switch (path) {
            case "stock" -> results.add(measure(path + suffix, clients(callers, () -> stack.client(stockAddress)),
                    client -> { }, PRE_STORED));
            // The same callers; the server's CPU is measured inside the stock endpoint's own JVM.
            case "stock-jdk" -> {
                LoadRun load = new LoadRun(clients(callers, () -> stack.client(stockJdk.address())), client -> { },
                        PRE_STORED, stockJdk::meter);
                if (!stockJdkWarmed) {
                    // Its JVM's compiler sees only its own traffic (in this JVM callers and center warm the same
                    // XML-security code for each other): without more time its first rounds read too high.
                    load.forDuration(path + " first warm-up", STOCK_JDK_FIRST_WARMUP);
                    stockJdkWarmed = true;
                }
                results.add(measure(load, path + suffix));
            }
            case "pre-stored" -> results.add(measure(path + suffix, clients(callers, stack::client), client -> { },
                    PRE_STORED));
            case "real-time" -> results.add(measure(path + suffix, clients(callers, stack::client), client -> { },
                    REAL_TIME));
            case "users" -> {
                List<EligibilityPortType> clients = clients(callers, stack::client);
                Consumer<EligibilityPortType> nextPerson = inTurn(users);
                if (!usersFirstCheckDone) {
                    // Every person's first check misses the credential cache and pays the slow hash: measured
                    // apart, so that the measured run sees a working day's steady state.
                    results.add(new LoadRun(clients, nextPerson, PRE_STORED)
                            .calls("users (first check)", users.hashes.size()));
                    usersFirstCheckDone = true;
                }
                results.add(measure("users (" + users.hashes.size() + ")" + suffix, clients, nextPerson,
                        PRE_STORED));
            }
            default -> throw new IllegalArgumentException("not a single-verification path: " + path);
        }
    }

    /** An unmeasured warm-up batch (if any items), then the measured one. */
    void batch(int warmupItems, int items) throws Exception {
        BatchRun batch = new BatchRun(bus.with(stack::client), Duration.ofMinutes(10));
        if (warmupItems > 0) {
            batch.run("batch warm-up", warmupItems);
        }
        results.add(batch.run("batch " + items, items));
    }

    private Measurement measure(String path, List<EligibilityPortType> clients,
                                Consumer<EligibilityPortType> beforeEachCall, EligibilityQuery query)
            throws Exception {
        return measure(new LoadRun(clients, beforeEachCall, query), path);
    }

    private Measurement measure(LoadRun load, String path) throws Exception {
        if (!warmup.isZero()) {
            load.forDuration(path + " warm-up", warmup);
        }
        return load.forDuration(path, measure);
    }

    private interface ClientMaker {
        EligibilityPortType make() throws Exception;
    }

    private List<EligibilityPortType> clients(int count, ClientMaker maker) throws Exception {
        List<EligibilityPortType> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(bus.with(maker::make));
        }
        return clients;
    }

    /** Names the next of the many people before each call (each thread has its own client and request context). */
    private static Consumer<EligibilityPortType> inTurn(BenchUsers users) {
        List<String> ids = List.copyOf(users.hashes.keySet());
        AtomicLong turn = new AtomicLong();
        return client -> {
            Map<String, Object> context = ((BindingProvider) client).getRequestContext();
            context.put(SecurityConstants.USERNAME, ids.get((int) (turn.getAndIncrement() % ids.size())));
            context.put(SecurityConstants.PASSWORD, users.password);
        };
    }

    private static EligibilityQuery query(String insurer, String symbol, String number, LocalDate date) {
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber(insurer);
        query.setSymbol(symbol);
        query.setNumber(number);
        query.setTargetDate(date);
        return query;
    }
}
