package jp.hokensho.insurer;

import java.util.concurrent.atomic.AtomicBoolean;

import jp.hokensho.insurer.card.AdapterDatabase;
import jp.hokensho.insurer.card.CardImportException;
import jp.hokensho.insurer.card.CardRepository;
import jp.hokensho.insurer.card.CsvCardLoader;
import jp.hokensho.insurer.service.InsurerEndpoint;
import jp.hokensho.insurer.service.InsurerQueryServiceImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running insurer card server: its migrated database, optional demo cards, and the queryCard endpoint.
 */
public final class InsurerAdapter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InsurerAdapter.class);

    private final AdapterDatabase database;
    private final CardRepository cards;
    private final InsurerEndpoint endpoint;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private InsurerAdapter(AdapterDatabase database, CardRepository cards, InsurerEndpoint endpoint) {
        this.database = database;
        this.cards = cards;
        this.endpoint = endpoint;
    }

    /** Migrates the database, loads the demo cards if configured, then publishes the endpoint. */
    public static InsurerAdapter start(AdapterSettings settings) {
        AdapterDatabase database = AdapterDatabase.open(settings.dbUrl(), settings.dbUser(), settings.dbPassword(),
                settings.dbPoolSize());
        try {
            CardRepository cards = new CardRepository(database.dataSource());
            if (settings.demoCards().isPresent()) {
                CsvCardLoader loader = new CsvCardLoader(cards, database.dataSource(), settings.insurerNumbers());
                LOG.info("Loaded {}: {}", settings.demoCards().get(), loader.load(settings.demoCards().get()));
            }
            InsurerEndpoint endpoint = InsurerEndpoint.publish(settings,
                    new InsurerQueryServiceImpl(cards, settings.insurerNumbers()));
            LOG.info("Insurer adapter for {} listening on {}", settings.insurerNumbers(), endpoint.address());
            return new InsurerAdapter(database, cards, endpoint);
        } catch (CardImportException e) {
            database.close();
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public int port() {
        return endpoint.port();
    }

    /** The endpoint URL, e.g. {@code http://127.0.0.1:8181/services/insurer-query}; its WSDL is at {@code ?wsdl}. */
    public String address() {
        return endpoint.address();
    }

    /** The adapter's card store, for imports while it runs. */
    public CardRepository cards() {
        return cards;
    }

    public javax.sql.DataSource dataSource() {
        return database.dataSource();
    }

    /** Stops serving, releases the port and closes the database; later calls do nothing. */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            try {
                endpoint.stop();
            } finally {
                database.close();
                LOG.info("Insurer adapter on {} stopped", endpoint.address());
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
