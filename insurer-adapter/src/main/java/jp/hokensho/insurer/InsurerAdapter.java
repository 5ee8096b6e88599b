package jp.hokensho.insurer;

import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jp.hokensho.contract.CardKeyHmac;
import jp.hokensho.insurer.card.AdapterDatabase;
import jp.hokensho.insurer.card.CardImportException;
import jp.hokensho.insurer.card.CardRepository;
import jp.hokensho.insurer.card.CsvCardLoader;
import jp.hokensho.insurer.security.AdapterLog;
import jp.hokensho.insurer.service.AdapterTls;
import jp.hokensho.insurer.service.InsurerEndpoint;
import jp.hokensho.insurer.service.InsurerQueryServiceImpl;
import jp.hokensho.insurer.sync.CardSync;
import jp.hokensho.insurer.sync.SyncScheduler;
import jp.hokensho.insurer.sync.SyncSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running insurer card server: its migrated database, optional demo cards, and by mode either the queryCard
 * endpoint (REAL_TIME) or the periodic push sync to the center's registry (PRE_STORED, when an interval is set).
 */
public final class InsurerAdapter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InsurerAdapter.class);

    private final AdapterDatabase database;
    private final CardRepository cards;
    private final InsurerEndpoint endpoint;
    private final SyncScheduler sync;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private InsurerAdapter(AdapterDatabase database, CardRepository cards, InsurerEndpoint endpoint,
                           SyncScheduler sync) {
        this.database = database;
        this.cards = cards;
        this.endpoint = endpoint;
        this.sync = sync;
    }

    /** Migrates the database, loads the demo cards if configured, then publishes the endpoint or starts syncing. */
    public static InsurerAdapter start(AdapterSettings settings) {
        if (settings.mode() == AdapterSettings.Mode.REAL_TIME) {
            AdapterTls.requireTlsOffLoopback(settings);
        }
        // Checked before anything starts: a real-time adapter never logs a query without naming cards safely.
        CardKeyHmac cardNames = settings.mode() == AdapterSettings.Mode.REAL_TIME ? settings.cardKeyHmac() : null;
        AdapterDatabase database = AdapterDatabase.open(settings.dbUrl(), settings.dbUser(), settings.dbPassword(),
                settings.dbPoolSize());
        try {
            CardRepository cards = new CardRepository(database.dataSource());
            if (settings.demoCards().isPresent()) {
                CsvCardLoader loader = new CsvCardLoader(cards, database.dataSource(), settings.insurerNumbers(),
                        settings.checkDigitRequired());
                LOG.info("Loaded {}: {}", settings.demoCards().get(), loader.load(settings.demoCards().get()));
            }
            if (settings.mode() == AdapterSettings.Mode.PRE_STORED) {
                return new InsurerAdapter(database, cards, null, scheduleSync(settings, database.dataSource()));
            }
            AdapterLog log = new AdapterLog(database.dataSource());
            InsurerEndpoint endpoint = InsurerEndpoint.publish(settings,
                    new InsurerQueryServiceImpl(cards, settings.insurerNumbers(), log, cardNames), log);
            LOG.info("Insurer adapter for {} listening on {}", settings.insurerNumbers(), endpoint.address());
            return new InsurerAdapter(database, cards, endpoint, null);
        } catch (CardImportException e) {
            database.close();
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static SyncScheduler scheduleSync(AdapterSettings settings, DataSource dataSource) {
        SyncSettings sync = SyncSettings.from(settings);
        LOG.info("Pre-stored insurer adapter for {}: no queryCard endpoint; {}", settings.insurerNumbers(), sync);
        if (sync.interval().isZero()) {
            LOG.info("No periodic sync ({} is 0): run the sync command", AdapterSettings.SYNC_INTERVAL_SECONDS);
            return null;
        }
        return SyncScheduler.start(sync.interval(),
                () -> CardSync.connect(settings, dataSource).run(settings.insurerNumbers()));
    }

    /** The queryCard endpoint's port; a PRE_STORED adapter has none. */
    public int port() {
        return requireEndpoint().port();
    }

    /** The endpoint URL, e.g. {@code http://127.0.0.1:8181/services/insurer-query}; its WSDL is at {@code ?wsdl}. */
    public String address() {
        return requireEndpoint().address();
    }

    /** Whether the queryCard endpoint is published (REAL_TIME mode). */
    public boolean serving() {
        return endpoint != null;
    }

    /** The adapter's card store, for imports while it runs. */
    public CardRepository cards() {
        return cards;
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    /** Stops syncing and serving, releases the port and closes the database; later calls do nothing. */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            try {
                if (sync != null) {
                    sync.close();
                }
                if (endpoint != null) {
                    endpoint.stop();
                }
            } finally {
                database.close();
                LOG.info("Insurer adapter {} stopped", endpoint == null ? "(pre-stored)" : "on " + endpoint.address());
            }
        }
    }

    private InsurerEndpoint requireEndpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("a PRE_STORED adapter publishes no queryCard endpoint");
        }
        return endpoint;
    }

    @Override
    public void close() {
        stop();
    }
}
