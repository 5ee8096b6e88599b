package jp.hokensho.center.identity.store;

import jakarta.persistence.LockModeType;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.JdbcReads;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.routes.port.KeyAdministrationRefused;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The organisation certificates the center issued, and their revocation (checked on every request). */
public class CertificateStore {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateStore.class);

    private final Database database;
    private final JdbcReads reads;
    private final Clock clock;

    public CertificateStore(Database database) {
        this(database, Clock.systemUTC());
    }

    public CertificateStore(Database database, Clock clock) {
        this.database = database;
        this.reads = new JdbcReads(database.dataSource());
        this.clock = clock;
    }

    /** Records an issued certificate; the organisation must exist and the serial must be new. */
    public CertificateView register(BigInteger serial, String organisationCode, String subjectDn, Instant notBefore,
                                    Instant notAfter) {
        return register(serial, organisationCode, subjectDn, notBefore, notAfter, null);
    }

    /** Records a certificate issued by {@code issuedBy} (a user ID; null when no person asked for it). */
    public CertificateView register(BigInteger serial, String organisationCode, String subjectDn, Instant notBefore,
                                    Instant notAfter, String issuedBy) {
        CertificateView view = database.fromTransaction(session -> {
            var organisation = OrganisationRepository.requireEntity(session, organisationCode);
            var entity = new CertificateEntity(serial, organisation, subjectDn, StoredTime.of(notBefore),
                    StoredTime.of(notAfter), StoredTime.now(clock));
            entity.issuedBy(issuedBy);
            session.persist(entity);
            return entity.toView();
        });
        LOG.info("Registered certificate {} ({}) of organisation {}, issued by {}", serial, subjectDn,
                organisationCode, issuedBy);
        return view;
    }

    /**
     * Records a renewal in one transaction: the new certificate of the old one's organisation (issued by
     * {@code actor}), the old one's acceptance shortened to {@code overlapEnd} unless it ends sooner, and the link
     * between them. Checked under a lock on the old key: it must be known, neither revoked nor expired, and not
     * renewed before; otherwise nothing is written.
     *
     * @throws KeyAdministrationRefused {@code KEY_NOT_FOUND} or {@code KEY_NOT_RENEWABLE}
     */
    public void registerRenewal(BigInteger oldSerial, BigInteger newSerial, String subjectDn, Instant notBefore,
                                Instant notAfter, Instant overlapEnd, String actor) {
        database.inTransaction(session -> {
            CertificateEntity old = session.createSelectionQuery(
                            "from CertificateEntity c where c.serialNumber = :serial", CertificateEntity.class)
                    .setParameter("serial", oldSerial.toString())
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .uniqueResultOptional()
                    .orElseThrow(() -> notFound(oldSerial));
            String refusal = renewalRefusal(session, old, StoredTime.now(clock));
            if (refusal != null) {
                throw new KeyAdministrationRefused(KeyAdministrationRefused.KEY_NOT_RENEWABLE, "serialNumber",
                        "key " + oldSerial + " " + refusal);
            }
            var renewed = new CertificateEntity(newSerial, old.getOrganisation(), subjectDn, StoredTime.of(notBefore),
                    StoredTime.of(notAfter), StoredTime.now(clock));
            renewed.issuedBy(actor);
            session.persist(renewed);
            LocalDateTime previousEnd = old.getNotAfter();
            old.acceptUntil(StoredTime.of(overlapEnd));
            session.persist(new KeyRenewalEntity(old, renewed, StoredTime.now(clock), actor, previousEnd));
        });
        LOG.info("Renewed certificate {} by {} (by {}); the old one is accepted until at most {}", oldSerial,
                newSerial, actor, overlapEnd);
    }

    /** Why a key cannot be renewed now, or null if it can. */
    private static String renewalRefusal(Session session, CertificateEntity old, LocalDateTime now) {
        CertificateView view = old.toView();
        if (view.revoked()) {
            return "was revoked at " + view.revokedAt() + ": issue a new key instead";
        }
        if (old.getNotAfter().isBefore(now)) {
            return "expired at " + view.notAfter() + ": issue a new key instead";
        }
        return session.createSelectionQuery("from KeyRenewalEntity r join fetch r.newKey where r.oldKey = :old",
                        KeyRenewalEntity.class)
                .setParameter("old", old)
                .uniqueResultOptional()
                .map(renewal -> "was already renewed by key " + renewal.newKey().toView().serial())
                .orElse(null);
    }

    /** One key with its organisation's name, actors and renewal links. */
    public Optional<KeyRecord> key(BigInteger serial) {
        return database.fromTransaction(session -> entity(session, serial)
                .map(entity -> records(session, List.of(entity)).get(0)));
    }

    /**
     * The keys of one organisation, or of every organisation when {@code organisationCode} is null: by organisation
     * code, then oldest first, with organisation name, actors and renewal links.
     */
    public List<KeyRecord> keys(String organisationCode) {
        return database.fromTransaction(session -> {
            var query = session.createSelectionQuery("from CertificateEntity c join fetch c.organisation o"
                    + (organisationCode == null ? "" : " where o.code = :code") + " order by o.code, c.issuedAt",
                    CertificateEntity.class);
            if (organisationCode != null) {
                query.setParameter("code", organisationCode);
            }
            return records(session, query.getResultList());
        });
    }

    /**
     * The keys the center stops accepting within {@code within} from now, soonest first: not revoked, not yet
     * expired, and not renewed (a renewed key ends with its overlap on purpose; its successor carries on). For
     * {@code /health} and the access review.
     */
    public List<ExpiringKey> expiringWithin(Duration within) {
        LocalDateTime now = StoredTime.now(clock);
        return database.fromTransaction(session -> session.createSelectionQuery(
                        "from CertificateEntity c join fetch c.organisation where c.revokedAt is null"
                                + " and c.notAfter >= :now and c.notAfter <= :limit and not exists"
                                + " (select r.id from KeyRenewalEntity r where r.oldKey = c) order by c.notAfter",
                        CertificateEntity.class)
                .setParameter("now", now)
                .setParameter("limit", StoredTime.of(clock.instant().plus(within)))
                .getResultList().stream()
                .map(entity -> new ExpiringKey(entity.getOrganisation().getCode(),
                        entity.getOrganisation().getName(), entity.toView().serial(),
                        StoredTime.toInstant(entity.getNotAfter())))
                .toList());
    }

    private static List<KeyRecord> records(Session session, List<CertificateEntity> entities) {
        Map<Long, BigInteger> renews = new HashMap<>();
        Map<Long, BigInteger> renewedBy = new HashMap<>();
        for (KeyRenewalEntity renewal : session.createSelectionQuery(
                "from KeyRenewalEntity r join fetch r.oldKey join fetch r.newKey", KeyRenewalEntity.class)
                .getResultList()) {
            renews.put(renewal.newKey().getId(), renewal.oldKey().toView().serial());
            renewedBy.put(renewal.oldKey().getId(), renewal.newKey().toView().serial());
        }
        return entities.stream().map(entity -> new KeyRecord(entity.toView(), entity.getOrganisation().getName(),
                entity.getIssuedBy(), entity.getRevokedBy(), renews.get(entity.getId()),
                renewedBy.get(entity.getId()))).toList();
    }

    private static KeyAdministrationRefused notFound(BigInteger serial) {
        return new KeyAdministrationRefused(KeyAdministrationRefused.KEY_NOT_FOUND, "serialNumber",
                "no key with serial number " + serial);
    }

    /**
     * The certificate of {@code serial}, read on every signed request (revocation is never cached): one statement,
     * so without a transaction around it.
     */
    public Optional<CertificateView> find(BigInteger serial) {
        return reads.one(CertificateEntity.VIEW_BY_SERIAL, row -> CertificateEntity.viewOf(serial, row),
                serial.toString());
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
     * Revokes the certificate at {@code at} (a lost key is stopped at once). Returns false if the
     * serial is unknown or was already revoked (the first revocation time is kept).
     */
    public boolean revoke(BigInteger serial, Instant at) {
        return revoke(serial, at, null);
    }

    /** Like {@link #revoke(BigInteger, Instant)}, recording who revoked it. */
    public boolean revoke(BigInteger serial, Instant at, String actor) {
        boolean revoked = database.fromTransaction(session -> entity(session, serial)
                .map(entity -> entity.revoke(StoredTime.of(at), actor))
                .orElse(false));
        if (revoked) {
            LOG.warn("Revoked certificate {} at {} by {}", serial, at, actor);
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
