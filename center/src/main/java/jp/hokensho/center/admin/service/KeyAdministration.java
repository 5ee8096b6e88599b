package jp.hokensho.center.admin.service;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.KeyRecord;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.identity.store.UserAccountView;
import jp.hokensho.center.organisation.Organisation;
import jp.hokensho.center.organisation.OrganisationDetails;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.routes.port.KeyAdministrationRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system administrator's keys and account unlocking, used by the command line ({@code center key …},
 * {@code center user unlock}) and the AdminService alike. A key file and its one-time password leave here once,
 * in the answer, and are kept nowhere. Every change is recorded with its actor (issued_by, revoked_by,
 * key_renewal); the callers add the access-log line.
 */
public final class KeyAdministration {
    private static final Logger LOG = LoggerFactory.getLogger(KeyAdministration.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String RENEWAL_OVERLAP_DAYS = "center.keys.renewal-overlap-days";
    static final String EXPIRY_WARNING_DAYS = "center.keys.expiry-warning-days";

    private final CenterSettings settings;
    private final Clock clock;
    private final CertificateStore certificates;
    private final UserAccountStore users;
    private final OrganisationRepository organisations;

    public KeyAdministration(Database database, CenterSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.certificates = new CertificateStore(database, clock);
        this.users = new UserAccountStore(database, clock);
        this.organisations = new OrganisationRepository(database, clock);
    }

    /** A key file (PKCS#12) and the one-time password that opens it. */
    public record KeyFile(KeyRecord key, String fileName, byte[] content, String oneTimePassword) {
        @Override
        public String toString() {
            return "KeyFile[" + fileName + ", serial " + key.certificate().serial() + "]";
        }
    }

    /** @param oldKey the renewed key, its acceptance now ending with the overlap */
    public record Renewal(KeyRecord oldKey, KeyFile issued) {
    }

    /** @param alreadyRevoked the key had been revoked before; its first revocation is kept */
    public record Revocation(KeyRecord key, boolean alreadyRevoked) {
    }

    /** @param wasLocked a lock was in force when it was lifted */
    public record Unlock(String userId, String organisationCode, boolean wasLocked) {
    }

    /** Issues a new key for an active organisation. */
    public KeyFile issue(String organisationCode, String actor) {
        Organisation organisation = active(organisationCode);
        String subject = "CN=org-" + organisation.code() + ",OU=" + organisation.kind()
                + ",O=Hokensho Verification Center,C=JP";
        IssuedKey key = authority().issue(subject, validity());
        certificates.register(key.serial(), organisation.code(), subject, key.certificate().getNotBefore().toInstant(),
                key.certificate().getNotAfter().toInstant(), actor);
        return keyFile(organisation.code(), key);
    }

    /** The keys of one organisation (which must exist), or of every organisation when the code is null. */
    public List<KeyRecord> list(String organisationCode) {
        if (organisationCode != null && organisations.find(organisationCode).isEmpty()) {
            throw organisationNotFound(organisationCode);
        }
        return certificates.keys(organisationCode);
    }

    /**
     * Issues a new key for the key's organisation, with the old key's subject, and ends the old key's acceptance at
     * now + {@code center.keys.renewal-overlap-days} unless it ends sooner: both keys work during the overlap.
     */
    public Renewal renew(BigInteger serial, String actor) {
        KeyRecord old = existing(serial);
        active(old.certificate().organisationCode());
        String subject = old.certificate().subjectDn();
        IssuedKey key = authority().issue(subject, validity());
        Instant overlapEnd = clock.instant().plus(renewalOverlap());
        certificates.registerRenewal(serial, key.serial(), subject, key.certificate().getNotBefore().toInstant(),
                key.certificate().getNotAfter().toInstant(), overlapEnd, actor);
        return new Renewal(existing(serial), keyFile(old.certificate().organisationCode(), key));
    }

    /** Revokes a key: the next request signed with it is refused, on every node. */
    public Revocation revoke(BigInteger serial, String actor) {
        existing(serial);
        boolean revokedNow = certificates.revoke(serial, clock.instant(), actor);
        return new Revocation(existing(serial), !revokedNow);
    }

    /** Clears an account's lock and its count of failed passwords. */
    public Unlock unlock(String userId, String actor) {
        UserAccountView before = users.find(userId).orElseThrow(() -> new KeyAdministrationRefused(
                KeyAdministrationRefused.USER_NOT_FOUND, "userId", "no user " + userId));
        boolean wasLocked = before.lockedAt(clock.instant());
        users.unlock(userId);
        LOG.info("Unlocked user {} of {} (was locked: {}) by {}", userId, before.organisationCode(), wasLocked, actor);
        return new Unlock(userId, before.organisationCode(), wasLocked);
    }

    /** How long before its end a key not yet renewed is shown as expiring. */
    public Duration expiryWarning() {
        return Duration.ofDays(settings.getInt(EXPIRY_WARNING_DAYS));
    }

    public Duration renewalOverlap() {
        return Duration.ofDays(settings.getInt(RENEWAL_OVERLAP_DAYS));
    }

    private KeyFile keyFile(String organisationCode, IssuedKey key) {
        String password = oneTimePassword();
        String alias = "org-" + organisationCode;
        byte[] content = KeyStoreFiles.keyFile(alias, key, password.toCharArray());
        KeyRecord issued = existing(key.serial());
        return new KeyFile(issued, alias + "-" + key.serial() + ".p12", content, password);
    }

    private KeyRecord existing(BigInteger serial) {
        return certificates.key(serial).orElseThrow(() -> new KeyAdministrationRefused(
                KeyAdministrationRefused.KEY_NOT_FOUND, "serialNumber", "no key with serial number " + serial));
    }

    /** An ended organisation ({@code org end}) gets no new keys. */
    private Organisation active(String organisationCode) {
        Organisation organisation = organisations.find(organisationCode)
                .orElseThrow(() -> organisationNotFound(organisationCode));
        if (organisations.details(organisationCode).map(OrganisationDetails::ended).orElse(false)) {
            throw new KeyAdministrationRefused(KeyAdministrationRefused.ORGANISATION_ENDED, "organisationCode",
                    "organisation " + organisationCode + " has ended");
        }
        return organisation;
    }

    private static KeyAdministrationRefused organisationNotFound(String organisationCode) {
        return new KeyAdministrationRefused(KeyAdministrationRefused.ORGANISATION_NOT_FOUND, "organisationCode",
                "no organisation " + organisationCode);
    }

    private CertificateAuthority authority() {
        return KeyStoreFiles.readCa(settings.getPath("center.ca.keystore.path"),
                settings.get("center.ca.keystore.alias"), settings.get("center.ca.keystore.password").toCharArray(),
                clock);
    }

    private Duration validity() {
        return Duration.ofDays(settings.getInt("center.ca.key-validity-days"));
    }

    /** 120 random bits, URL-safe base64: typed once by the person who opens the file. */
    static String oneTimePassword() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
