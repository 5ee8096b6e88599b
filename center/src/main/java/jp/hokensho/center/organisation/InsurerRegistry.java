package jp.hokensho.center.organisation;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.TransportRule;
import jp.hokensho.routes.port.InsurerDirectory;
import jp.hokensho.routes.port.InsurerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The insurer directory kept in the {@code insurer} table. */
public class InsurerRegistry implements InsurerDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(InsurerRegistry.class);

    private final Database database;
    private final Clock clock;

    public InsurerRegistry(Database database) {
        this(database, Clock.systemUTC());
    }

    public InsurerRegistry(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Adds the insurer or replaces its entry (upsert by insurer number, stored normalised). The check
     * digit is the caller's registration rule, not checked here: test numbers such as 00000001 fail it.
     *
     * @throws IllegalArgumentException a real-time insurer's address that is neither https:// nor on loopback:
     *                                  card data would cross the network in clear
     */
    public InsurerEntry register(InsurerEntry entry) {
        String number = CardKeys.normalise(entry.insurerNumber());
        if (entry.mode() == InsurerEntry.DeliveryMode.REAL_TIME) {
            TransportRule.refusalOf(entry.endpointAddress()).ifPresent(reason -> {
                LOG.warn("Refused to register insurer {} at {}: {}", number, entry.endpointAddress(), reason);
                throw new IllegalArgumentException("insurer " + number + ": endpoint address " + entry.endpointAddress()
                        + " refused: " + reason);
            });
        }
        InsurerEntry saved = database.fromTransaction(session -> {
            InsurerEntity entity = session
                    .createSelectionQuery("from InsurerEntity i where i.insurerNumber = :n", InsurerEntity.class)
                    .setParameter("n", number)
                    .uniqueResultOptional()
                    .orElseGet(() -> new InsurerEntity(number));
            entity.apply(entry, StoredTime.now(clock));
            if (entity.getId() == null) {
                session.persist(entity);
            }
            return entity.toEntry();
        });
        LOG.info("Registered insurer {} ({}, {})", saved.insurerNumber(), saved.name(), saved.mode());
        return saved;
    }

    /** Takes the insurer out of the directory: its cards are then answered as of an unknown insurer. */
    public boolean end(String insurerNumber) {
        String number = CardKeys.normalise(insurerNumber);
        boolean ended = database.fromTransaction(session -> session
                .createSelectionQuery("from InsurerEntity i where i.insurerNumber = :n and i.endedAt is null",
                        InsurerEntity.class)
                .setParameter("n", number)
                .uniqueResultOptional()
                .map(entity -> {
                    entity.end(StoredTime.now(clock));
                    return true;
                })
                .orElse(false));
        LOG.info("Ended insurer {}: {}", number, ended ? "taken out of the directory" : "not an active insurer");
        return ended;
    }

    /** An active insurer of the directory (an ended one is not found). */
    @Override
    public Optional<InsurerEntry> find(String insurerNumber) {
        String number = CardKeys.normalise(insurerNumber);
        return database.fromTransaction(session -> session
                .createSelectionQuery("from InsurerEntity i where i.insurerNumber = :n and i.endedAt is null",
                        InsurerEntity.class)
                .setParameter("n", number)
                .uniqueResultOptional()
                .map(InsurerEntity::toEntry));
    }

    /** The insurers of the directory that have not ended (what {@link #find} finds), in one query. */
    public List<InsurerEntry> active() {
        return database.fromTransaction(session -> session
                .createSelectionQuery("from InsurerEntity i where i.endedAt is null order by i.insurerNumber",
                        InsurerEntity.class)
                .getResultList().stream().map(InsurerEntity::toEntry).toList());
    }

    public List<InsurerEntry> all() {
        return database.fromTransaction(session -> session
                .createSelectionQuery("from InsurerEntity i order by i.insurerNumber", InsurerEntity.class)
                .getResultList().stream().map(InsurerEntity::toEntry).toList());
    }
}
