package jp.hokensho.insurer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.xml.namespace.QName;

import jakarta.jws.WebService;
import jp.hokensho.contract.CardDigest;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.registry.CardDigestEntry;
import jp.hokensho.contract.registry.CardDigestPage;
import jp.hokensho.contract.registry.CardProblem;
import jp.hokensho.contract.registry.CardRegistryPortType;
import jp.hokensho.contract.registry.RegistrationResult;
import jp.hokensho.contract.registry.RegistryStatus;
import jp.hokensho.contract.types.CardData;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * A double of the center's CardRegistryService on a loopback port, with the contract's WS-Security policy and
 * the center's test key: it keeps what it received (idempotent by insurer + symbol + number), records each
 * registerCards call, and can be told to fail the Nth call or to refuse given cards.
 */
@WebService(serviceName = "CardRegistryService", portName = "CardRegistryPort",
        targetNamespace = "http://hokensho.jp/verification/registry/v1",
        endpointInterface = "jp.hokensho.contract.registry.CardRegistryPortType",
        wsdlLocation = "classpath:wsdl/CardRegistryService.wsdl")
public class FakeCardRegistry implements CardRegistryPortType {
    static final String NAMESPACE = "http://hokensho.jp/verification/registry/v1";
    static final String USER = "insurer-cards";
    static final String PASSWORD = "card data right 33120015";

    /** Key: insurer, symbol, number (normalised) → the card as last received. */
    final Map<String, CardData> held = new ConcurrentHashMap<>();
    /** Each registerCards call: the "symbol/number" of its cards, in order. */
    final List<List<String>> calls = new CopyOnWriteArrayList<>();
    private volatile int failOnCall;
    private volatile int callCount;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private Bus bus;
    private Server server;
    private int port;

    static FakeCardRegistry start(TestPki pki) throws IOException {
        return start(pki, pki.center);
    }

    /** A registry answering with {@code signer}'s signature (its keystore must also decrypt what is sent). */
    static FakeCardRegistry start(TestPki pki, TestPki.Key signer) throws IOException {
        FakeCardRegistry registry = new FakeCardRegistry();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            registry.port = s.getLocalPort();
        }
        Bus previous = BusFactory.getThreadDefaultBus(false);
        registry.bus = BusFactory.newInstance().createBus();
        BusFactory.setThreadDefaultBus(previous);
        if (BusFactory.getDefaultBus(false) == registry.bus) {
            BusFactory.setDefaultBus(null); // the adapter's clients must not run on the double's bus
        }
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(registry.bus);
        factory.setServiceClass(CardRegistryPortType.class);
        factory.setServiceBean(registry);
        factory.setWsdlLocation("classpath:wsdl/CardRegistryService.wsdl");
        factory.setServiceName(new QName(NAMESPACE, "CardRegistryService"));
        factory.setEndpointName(new QName(NAMESPACE, "CardRegistryPort"));
        factory.setAddress(registry.address());
        Map<String, Object> p = new HashMap<>();
        p.put("security.signature.properties", signer.merlin(pki.centerTruststore));
        p.put("security.encryption.properties", signer.merlin(pki.centerTruststore));
        p.put("security.signature.username", signer.alias());
        p.put("security.encryption.username", "useReqSigCert");
        p.put("ws-security.asymmetric.signature.algorithm", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        // A double may check the UsernameToken the simple way (clear password); the real center hashes.
        p.put("security.callback-handler", (javax.security.auth.callback.CallbackHandler) callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof WSPasswordCallback pc) {
                    if (pc.getUsage() == WSPasswordCallback.USERNAME_TOKEN) {
                        if (USER.equals(pc.getIdentifier())) {
                            pc.setPassword(PASSWORD);
                        }
                    } else {
                        pc.setPassword(TestPki.PASSWORD);
                    }
                }
            }
        });
        factory.setProperties(p);
        registry.server = factory.create();
        return registry;
    }

    String address() {
        return "http://127.0.0.1:" + port + "/services/registry";
    }

    void stop() {
        server.stop();
        server.destroy();
        bus.shutdown(true);
        JettyHTTPServerEngineFactory.destroyForPort(port);
    }

    /** Forget everything and every instruction. */
    void reset() {
        held.clear();
        calls.clear();
        refused.clear();
        failOnCall = 0;
        callCount = 0;
    }

    /** The {@code n}th registerCards call from now (1-based) fails as if the center were down. */
    void failOnCall(int n) {
        callCount = 0;
        failOnCall = n;
    }

    /** Report a per-card problem for this card instead of storing it. */
    void refuse(String symbol, String number) {
        refused.add(symbol + "/" + number);
    }

    void allowAll() {
        refused.clear();
    }

    CardData card(String insurer, String symbol, String number) {
        return held.get(key(insurer, symbol, number));
    }

    @Override
    public synchronized RegistrationResult registerCards(String insurerNumber, List<CardData> cards) {
        callCount++;
        if (callCount == failOnCall) {
            throw new IllegalStateException("registry unavailable (call " + callCount + ")");
        }
        calls.add(cards.stream().map(c -> c.getSymbol() + "/" + c.getNumber()).collect(Collectors.toList()));
        RegistrationResult result = new RegistrationResult();
        for (int i = 0; i < cards.size(); i++) {
            CardData card = cards.get(i);
            if (refused.contains(card.getSymbol() + "/" + card.getNumber())) {
                CardProblem problem = new CardProblem();
                problem.setIndex(i + 1);
                problem.setSymbol(card.getSymbol());
                problem.setNumber(card.getNumber());
                problem.setCode("INVALID_CARD");
                problem.setMessage("refused by the test");
                result.getProblem().add(problem);
                result.setRejected(result.getRejected() + 1);
                continue;
            }
            CardData before = held.put(key(insurerNumber, card.getSymbol(), card.getNumber()), card);
            if (before == null) {
                result.setInserted(result.getInserted() + 1);
            } else if (CardDigest.of(before).equals(CardDigest.of(card))) {
                result.setUnchanged(result.getUnchanged() + 1);
            } else {
                result.setUpdated(result.getUpdated() + 1);
            }
        }
        result.setReceivedAt(OffsetDateTime.now(ZoneOffset.UTC));
        return result;
    }

    @Override
    public OffsetDateTime endEligibility(String insurerNumber, String symbol, String number,
                                         java.time.LocalDate qualificationLost, OffsetDateTime insurerUpdatedAt) {
        throw new UnsupportedOperationException("the adapter sends ended cards with registerCards");
    }

    @Override
    public RegistryStatus getRegistryStatus(String insurerNumber) {
        RegistryStatus status = new RegistryStatus();
        status.setInsurerNumber(insurerNumber);
        status.setCardCount(held.keySet().stream().filter(k -> k.startsWith(insurerNumber + "\u0000")).count());
        return status;
    }

    @Override
    public CardDigestPage listCardDigests(String insurerNumber, String afterSymbol, String afterNumber, int limit) {
        TreeMap<String, CardData> mine = new TreeMap<>();
        held.forEach((k, v) -> {
            if (k.startsWith(insurerNumber + "\u0000")) {
                mine.put(k, v);
            }
        });
        String after = afterSymbol == null ? null : key(insurerNumber, afterSymbol, afterNumber);
        List<CardData> rest = new ArrayList<>((after == null ? mine : mine.tailMap(after, false)).values());
        CardDigestPage page = new CardDigestPage();
        for (CardData card : rest.subList(0, Math.min(limit, rest.size()))) {
            CardDigestEntry e = new CardDigestEntry();
            e.setSymbol(card.getSymbol());
            e.setNumber(card.getNumber());
            e.setInsurerUpdatedAt(card.getInsurerUpdatedAt());
            e.setDigest(CardDigest.of(card));
            page.getEntry().add(e);
        }
        page.setMore(rest.size() > limit);
        return page;
    }

    static String key(String insurer, String symbol, String number) {
        return CardKeys.normalise(insurer) + "\u0000" + CardKeys.normalise(symbol) + "\u0000" + CardKeys.normalise(number);
    }
}
