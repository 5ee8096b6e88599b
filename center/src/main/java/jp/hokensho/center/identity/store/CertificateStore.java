package jp.hokensho.center.identity.store;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.StoredTime;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The organisation certificates the center issued, and their revocation (checked on every request). */
public class CertificateStore {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateStore.class);

    private final Database database;
    private final Clock clock;

    public CertificateStore(Database database) {
        this(database, Clock.systemUTC());
    }

    public CertificateStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Records an issued certificate; the organisation must exist and the serial must be new. */
    public CertificateView register(BigInteger serial, String organisationCode, String subjectDn, Instant notBefore,
                                    Instant notAfter) {
        CertificateView view = database.fromTransaction(session -> {
            var organisation = OrganisationRepository.requireEntity(session, organisationCode);
            var entity = new CertificateEntity(serial, organisation, subjectDn, StoredTime.of(notBefore),
                    StoredTime.of(notAfter), StoredTime.now(clock));
            session.persist(entity);
            return entity.toView();
        });
        LOG.info("Registered certificate {} ({}) of organisation {}", serial, subjectDn, organisationCode);
        return view;
    }

    public Optional<CertificateView> find(BigInteger serial) {
        return database.fromTransaction(session -> entity(session, serial).map(CertificateEntity::toView));
    }

    /** The certificates of one organisation, oldest first. */
    public List<CertificateView> findByOrganisation(String organisationCode) {
        return database.fromTransaction(session -> session.createSelectionQuery(
                        "from CertificateEntity c join fetch c.organisation o where o.code = :code order by c.issuedAt",
                        CertificateEntity.class)
                .setParameter("code", organisationCode)
                .getResultList().stream().map(CertificateEntity::toView).toList());
    }

    /**
     * The certificates usable now (not revoked, within validity) whose validity ends within {@code warning}: the
     * keys to renew soon, soonest first.
     */
    public List<CertificateView> expiringWithin(Duration warning) {
        Instant now = clock.instant();
        return database.fromTransaction(session -> session.createSelectionQuery(
                        "from CertificateEntity c join fetch c.organisation where c.revokedAt is null"
                                + " and c.notBefore <= :now and c.notAfter >= :now and c.notAfter <= :until"
                                + " order by c.notAfter", CertificateEntity.class)
                .setParameter("now", StoredTime.of(now))
                .setParameter("until", StoredTime.of(now.plus(warning)))
                .getResultList().stream().map(CertificateEntity::toView).toList());
    }

    /**
     * Revokes the certificate at {@code at} (a lost key is stopped at once). Returns false if the
     * serial is unknown or was already revoked (the first revocation time is kept).
     */
    public boolean revoke(BigInteger serial, Instant at) {
        boolean revoked = database.fromTransaction(session -> entity(session, serial)
                .map(entity -> entity.revoke(StoredTime.of(at)))
                .orElse(false));
        if (revoked) {
            LOG.warn("Revoked certificate {} at {}", serial, at);
        }
        return revoked;
    }

    private static Optional<CertificateEntity> entity(Session session, BigInteger serial) {
        return session.createSelectionQuery(
                        "from CertificateEntity c join fetch c.organisation where c.serialNumber = :serial",
                        CertificateEntity.class)
                .setParameter("serial", serial.toString())
                .uniqueResultOptional();
    }
}
