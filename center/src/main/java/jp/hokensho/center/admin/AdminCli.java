package jp.hokensho.center.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.admin.service.KeyAdministration;
import jp.hokensho.center.identity.store.CertificateView;
import jp.hokensho.center.identity.store.KeyRecord;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.organisation.Organisation;
import jp.hokensho.center.organisation.OrganisationDetails;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.routes.permission.Role;
import jp.hokensho.routes.port.KeyAdministrationRefused;

/**
 * The center staff's commands on the server: issue an organisation's key (PKCS#12 with a one-time
 * password, shown once), list, renew and revoke keys (a revocation is refused on the very next request on every
 * node), add users, unlock them and enable disabled ones. Each action is written to the access log with the
 * operator's name. The keys and unlocking are {@link KeyAdministration}'s, shared with the AdminService.
 */
public final class AdminCli {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final CenterSettings settings;
    private final String operator;
    private final PrintStream out;
    private final Clock clock;

    public AdminCli(Database database, CenterSettings settings, String operator, PrintStream out, Clock clock) {
        this.database = database;
        this.settings = settings;
        this.operator = operator;
        this.out = out;
        this.clock = clock;
    }

    /** Issues a key for an organisation and writes it to {@code dir}; returns the file. */
    public Path issueKey(String organisationCode, Path dir) {
        KeyAdministration.KeyFile issued = keys().issue(organisationCode, operator);
        Path file = write(issued, dir);
        audit("key-issue", organisationCode, issued.key().certificate().serial().toString());
        CertificateView key = issued.key().certificate();
        out.println("issued key " + key.serial() + " for " + key.organisationCode() + " ("
                + issued.key().organisationName() + "), valid until " + key.notAfter());
        printHandover(file, issued);
        return file;
    }

    /**
     * Renews a key before it expires: a new key for the same organisation, written to {@code dir}; the old one is
     * accepted until the end of the overlap. Returns the new file.
     */
    public Path renewKey(BigInteger serial, Path dir) {
        KeyAdministration.Renewal renewal = keys().renew(serial, operator);
        KeyAdministration.KeyFile issued = renewal.issued();
        Path file = write(issued, dir);
        audit("key-renew", renewal.oldKey().certificate().organisationCode(),
                serial + " -> " + issued.key().certificate().serial());
        out.println("renewed key " + serial + " by " + issued.key().certificate().serial() + " (valid until "
                + issued.key().certificate().notAfter() + "); the old key is accepted until "
                + renewal.oldKey().certificate().notAfter());
        printHandover(file, issued);
        return file;
    }

    /** Lists an organisation's keys, or every organisation's when the code is null. */
    public void listKeys(String organisationCode) {
        KeyAdministration keys = keys();
        Instant now = clock.instant();
        for (KeyRecord record : keys.list(organisationCode)) {
            CertificateView key = record.certificate();
            out.println(key.serial() + "\t" + key.organisationCode() + "\t" + key.subjectDn() + "\tvalid "
                    + key.notBefore() + " .. " + key.notAfter() + "\t" + record.stateAt(now, keys.expiryWarning())
                    + (key.revokedAt() == null ? "" : " " + key.revokedAt())
                    + (record.renews() == null ? "" : "\trenews " + record.renews())
                    + (record.renewedBy() == null ? "" : "\trenewed by " + record.renewedBy()));
        }
    }

    /** Revokes a key; false (and nothing changed) when the serial is unknown or the key was already revoked. */
    public boolean revokeKey(BigInteger serial) {
        KeyAdministration.Revocation revocation;
        try {
            revocation = keys().revoke(serial, operator);
        } catch (KeyAdministrationRefused unknown) {
            audit("key-revoke", null, serial + " unknown");
            out.println("no key with serial " + serial);
            return false;
        }
        audit("key-revoke", revocation.key().certificate().organisationCode(), serial.toString());
        out.println(revocation.alreadyRevoked()
                ? "key " + serial + " was already revoked at " + revocation.key().certificate().revokedAt()
                : "revoked " + serial);
        return !revocation.alreadyRevoked();
    }

    /** Adds a person with an initial one-time password, shown once, to be changed before anything else. */
    public void addUser(String userId, String organisationCode, String role) {
        Organisation organisation = active(organisationCode);
        // A role the code does not know would silently carry no rights; a role of another kind of organisation
        // (a center role at a clinic) would carry wrong ones.
        if (Role.ofCode(role).isEmpty() || !role.startsWith(organisation.kind() + ":")) {
            throw new IllegalArgumentException("role " + role + " is not a role of a " + organisation.kind()
                    + "; one of " + java.util.Arrays.stream(Role.values()).map(Role::code)
                    .filter(code -> code.startsWith(organisation.kind() + ":")).toList());
        }
        String initialPassword = randomSecret();
        new UserAccountStore(database, clock).create(userId, organisationCode, role,
                new PasswordHasher(settings.getInt("center.password.pbkdf2-iterations")).hash(initialPassword), true);
        audit("user-add", organisationCode, userId);
        out.println("added " + userId + " (" + role + ") to " + organisationCode);
        out.println("initial password (shown once; to be changed with changePassword before anything else): "
                + initialPassword);
    }

    public boolean unlockUser(String userId) {
        try {
            KeyAdministration.Unlock unlocked = keys().unlock(userId, operator);
            audit("user-unlock", unlocked.organisationCode(), userId);
            out.println("unlocked " + userId + (unlocked.wasLocked() ? "" : " (it was not locked)"));
            return true;
        } catch (KeyAdministrationRefused unknown) {
            audit("user-unlock", null, userId + " unknown");
            out.println("no user " + userId);
            return false;
        }
    }

    private KeyAdministration keys() {
        return new KeyAdministration(database, settings, clock);
    }

    /** Writes the PKCS#12 file (its private key is protected by the one-time password) into {@code dir}. */
    private static Path write(KeyAdministration.KeyFile issued, Path dir) {
        Path file = dir.resolve(issued.fileName());
        try {
            Files.createDirectories(dir);
            Files.write(file, issued.content());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key file " + file, e);
        }
        return file;
    }

    private void printHandover(Path file, KeyAdministration.KeyFile issued) {
        out.println("file: " + file.toAbsolutePath());
        out.println("one-time password (shown once; hand it over separately from the file): "
                + issued.oneTimePassword());
    }

    /**
     * Re-enables an account the access review disabled (e.g. dormant): for when no system administrator can log in
     * to sign it off, such as the last administrator's own account. The access log records who did it.
     */
    public boolean enableUser(String userId) {
        boolean enabled = new UserAccountStore(database, clock).enable(userId);
        audit("user-enable", null, userId);
        out.println(enabled ? "enabled " + userId : "no disabled user " + userId);
        return enabled;
    }

    /** An ended organisation ({@code org end}) gets no new keys or people. */
    private Organisation active(String organisationCode) {
        OrganisationRepository organisations = new OrganisationRepository(database, clock);
        Organisation organisation = organisations.require(organisationCode);
        if (organisations.details(organisationCode).map(OrganisationDetails::ended).orElse(false)) {
            throw new IllegalArgumentException("organisation " + organisationCode + " has ended");
        }
        return organisation;
    }

    private void audit(String operation, String organisationCode, String subject) {
        new AccessLog(database.dataSource(), clock).record(operator, organisationCode, null,
                "cli:" + operation + " " + subject, "OK", 0);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
