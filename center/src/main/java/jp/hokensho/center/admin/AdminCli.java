package jp.hokensho.center.admin;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.CertificateView;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.organisation.Organisation;
import jp.hokensho.center.organisation.OrganisationDetails;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.routes.permission.Role;

/**
 * The center staff's commands on the server: issue an organisation's key (PKCS#12 with a one-time
 * password, shown once), list and revoke keys (a revocation is refused on the very next request on every
 * node), add users, unlock them and enable disabled ones. Each action is written to the access log with the
 * operator's name.
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
        Organisation organisation = active(organisationCode);
        CertificateAuthority ca = KeyStoreFiles.readCa(settings.getPath("center.ca.keystore.path"),
                settings.get("center.ca.keystore.alias"), settings.get("center.ca.keystore.password").toCharArray(),
                clock);
        String subject = "CN=org-" + organisation.code() + ",OU=" + organisation.kind()
                + ",O=Hokensho Verification Center,C=JP";
        IssuedKey key = ca.issue(subject, Duration.ofDays(settings.getInt("center.ca.key-validity-days")));
        new CertificateStore(database, clock).register(key.serial(), organisation.code(), subject,
                key.certificate().getNotBefore().toInstant(), key.certificate().getNotAfter().toInstant());
        String oneTimePassword = randomSecret();
        Path file = dir.resolve("org-" + organisation.code() + "-" + key.serial() + ".p12");
        KeyStoreFiles.writeKey(file, "org-" + organisation.code(), key, oneTimePassword.toCharArray());
        audit("key-issue", organisation.code(), key.serial().toString());
        out.println("issued key " + key.serial() + " for " + organisation.code() + " (" + organisation.name()
                + "), valid until " + key.certificate().getNotAfter().toInstant());
        out.println("file: " + file.toAbsolutePath());
        out.println("one-time password (shown once; hand it over separately from the file): " + oneTimePassword);
        return file;
    }

    public void listKeys(String organisationCode) {
        for (CertificateView key : new CertificateStore(database, clock).findByOrganisation(organisationCode)) {
            out.println(key.serial() + "\t" + key.subjectDn() + "\tvalid " + key.notBefore() + " .. " + key.notAfter()
                    + (key.revokedAt() == null ? "" : "\tREVOKED " + key.revokedAt()));
        }
    }

    public boolean revokeKey(BigInteger serial) {
        boolean revoked = new CertificateStore(database, clock).revoke(serial, clock.instant());
        audit("key-revoke", null, serial.toString());
        out.println(revoked ? "revoked " + serial : "no active key with serial " + serial);
        return revoked;
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
        boolean found = new UserAccountStore(database, clock).unlock(userId).isPresent();
        audit("user-unlock", null, userId);
        out.println(found ? "unlocked " + userId : "no user " + userId);
        return found;
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
