package jp.hokensho.center.demo;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.cardstore.JpaCardStore;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.organisation.InsurerCertificates;
import jp.hokensho.center.organisation.InsurerRegistry;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.routes.port.InsurerEntry;

/** Registers the demo's organisations, people, keys, insurers and pre-stored cards in the center's DB. */
public final class DemoSeed {
    public static final String CENTER = "CENTER";
    public static final String CLINIC = "1311234567";
    public static final String REAL_TIME_INSURER = "00000001";
    public static final String CLINIC_MANAGER = "clinic-manager";
    public static final String CLINIC_STAFF = "clinic-staff";
    /** The clinic's hospital-system integration account (the folder exchange); its responsible person is its ID. */
    public static final String CLINIC_HIS = "clinic-his";
    /** The pre-stored insurer's business manager: registers its cards (CardRegistryService). */
    public static final String INSURER_MANAGER = "insurer-" + DemoCards.PRE_STORED_INSURER + "-manager";
    /** The center's own staff (6-4 ①), who sign with the center staff's key, not the server's. */
    public static final String CENTER_ADMINISTRATOR = "center-admin";
    public static final String CENTER_OPERATIONS_MANAGER = "center-operations";
    public static final String CENTER_MEDIA_MANAGER = "center-media";

    private final Database database;
    private final PasswordHasher hasher;
    private final Clock clock;

    public DemoSeed(Database database, PasswordHasher hasher, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.clock = clock;
    }

    public void organisations() {
        OrganisationRepository organisations = new OrganisationRepository(database, clock);
        organisations.create(CENTER, "保険証認証センター", OrganisationKind.CENTER);
        organisations.create(CLINIC, "上野の森クリニック", OrganisationKind.MEDICAL_INSTITUTION);
        organisations.create(REAL_TIME_INSURER, "〇〇〇健康保険組合", OrganisationKind.INSURER);
        organisations.create(DemoCards.PRE_STORED_INSURER, "△△△健康保険組合", OrganisationKind.INSURER);
    }

    /** A person whose password is taken as already changed, so the demo's passwords work at once. */
    public void user(String userId, String organisation, String role, String password) {
        new UserAccountStore(database, clock).create(userId, organisation, role, hasher.hash(password), false);
    }

    public void key(String organisation, IssuedKey key) {
        new CertificateStore(database, clock).register(key.serial(), organisation,
                key.certificate().getSubjectX500Principal().getName(), key.certificate().getNotBefore().toInstant(),
                key.certificate().getNotAfter().toInstant());
    }

    /** @param realTimeCertificate the real-time insurer's certificate, registered with it */
    public void insurers(String realTimeEndpoint, Duration timeout, X509Certificate realTimeCertificate) {
        InsurerRegistry registry = new InsurerRegistry(database, clock);
        registry.register(new InsurerEntry(REAL_TIME_INSURER, "〇〇〇健康保険組合", "東京都〇〇区××1-1-1",
                InsurerEntry.DeliveryMode.REAL_TIME, realTimeEndpoint, DemoPki.aliasOf(REAL_TIME_INSURER), timeout));
        new InsurerCertificates(database.dataSource(), clock).store(REAL_TIME_INSURER, realTimeCertificate);
        registry.register(new InsurerEntry(DemoCards.PRE_STORED_INSURER, "△△△健康保険組合", "大阪府大阪市中央区本町2-2-2",
                InsurerEntry.DeliveryMode.PRE_STORED, null, null, timeout));
        JpaCardStore cards = new JpaCardStore(database);
        DemoCards.all().forEach(card -> cards.save(card, OffsetDateTime.now(clock)));
    }
}
