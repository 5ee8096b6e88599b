package jp.hokensho.center.admin;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.security.CenterSigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code center key rollover prepare | status}: the operator's side of a rollover of the center's signing key.
 * {@code prepare} issues the next key with the center's CA (same subject as the present key), adds it to the center's
 * keystore, registers its certificate and writes it as PEM for clients and adapters; the operator then announces it
 * with {@code center.keystore.next-alias} and {@code center.keystore.switch-at}. {@code status} says which key signs
 * now and what is configured. See docs/operations.md, "Rolling over the center's signing key".
 */
public final class CenterKeyRollover {
    private static final Logger LOG = LoggerFactory.getLogger(CenterKeyRollover.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final CenterSettings settings;
    private final String operator;
    private final PrintStream out;
    private final Clock clock;

    public CenterKeyRollover(CenterSettings settings, String operator, PrintStream out, Clock clock) {
        this.settings = settings;
        this.operator = operator;
        this.out = out;
        this.clock = clock;
    }

    /**
     * @param alias the next key's alias, or null for center.keystore.next-alias if set, else center-YYYYMMDD
     * @return the PEM file of the next certificate
     * @throws IllegalArgumentException the alias is taken, or the CA's keystore is missing; nothing was changed
     */
    public Path prepare(Database database, String alias) {
        Path keystore = settings.getPath(CenterSigningKeys.PATH);
        char[] password = settings.get(CenterSigningKeys.PASSWORD).toCharArray();
        String next = alias != null ? alias : settings.getOrNull(CenterSigningKeys.NEXT_ALIAS) != null
                ? settings.get(CenterSigningKeys.NEXT_ALIAS) : "center-" + DAY.format(clock.instant());
        X509Certificate present = presentCertificate(keystore, password, next);
        Path caFile = settings.getPath("center.ca.keystore.path");
        if (!Files.exists(caFile)) {
            throw new IllegalArgumentException("the CA's keystore " + caFile + " (center.ca.keystore.path) is not on"
                    + " this machine: run the command where the CA is, with the center's keystore");
        }
        CertificateAuthority ca = KeyStoreFiles.readCa(caFile, settings.get("center.ca.keystore.alias"),
                settings.get("center.ca.keystore.password").toCharArray(), clock);
        IssuedKey key = ca.issue(present.getSubjectX500Principal().getName(),
                Duration.ofDays(settings.getInt("center.ca.key-validity-days")));
        KeyStoreFiles.addKey(keystore, next, key, password);
        new CertificateStore(database, clock).register(key.serial(), CenterInit.CENTER_CODE,
                key.certificate().getSubjectX500Principal().getName(), key.certificate().getNotBefore().toInstant(),
                key.certificate().getNotAfter().toInstant());
        Path pem = keystore.getParent().resolve(next + ".crt.pem");
        Pem.write(pem, key.certificate());
        new AccessLog(database.dataSource(), clock).record(operator, CenterInit.CENTER_CODE, key.serial().toString(),
                "cli:key-rollover-prepare " + next, "OK", 0);
        LOG.info("next center key '{}' (serial {}) prepared in {} by {}", next, key.serial(), keystore, operator);
        Instant suggested = clock.instant().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.DAYS);
        out.println("added the center's next key '" + next + "' (serial " + key.serial() + ", valid to "
                + key.certificate().getNotAfter().toInstant() + ") to " + keystore);
        out.println("its certificate for clients and insurer adapters (import it into their truststores): " + pem);
        out.println("next steps (docs/operations.md, \"Rolling over the center's signing key\"):");
        out.println("  1. give " + pem.getFileName() + " to every client and adapter, and copy " + keystore
                + " to every node");
        out.println("  2. on every node set, then restart the nodes one by one:");
        out.println("       " + CenterSigningKeys.NEXT_ALIAS + "=" + next);
        out.println("       " + CenterSigningKeys.SWITCH_AT + "=" + suggested + "   (for example)");
        out.println("  3. check with: center key rollover status");
        return pem;
    }

    /** Prints the keys and the rollover as configured; 0, or 1 when the configuration is inconsistent. */
    public int status() {
        CenterSigningKeys keys;
        try {
            keys = CenterSigningKeys.load(settings, clock);
        } catch (IllegalStateException e) {
            out.println("rollover misconfigured: " + e.getMessage());
            return 1;
        }
        out.println("signing now:  " + describe(keys, keys.signingAlias()));
        out.println("current key:  " + describe(keys, keys.currentAlias()));
        if (keys.nextAlias().isEmpty()) {
            out.println("next key:     none configured (" + CenterSigningKeys.NEXT_ALIAS + ")");
        } else {
            String next = keys.nextAlias().get();
            Instant switchAt = keys.switchAt().orElseThrow();
            out.println("next key:     " + describe(keys, next));
            out.println("switch at:    " + switchAt + (keys.switched() ? " (passed: the next key signs; finish with "
                    + CenterSigningKeys.ALIAS + "=" + next + " and empty " + CenterSigningKeys.NEXT_ALIAS + " and "
                    + CenterSigningKeys.SWITCH_AT + ")" : " (in " + Duration.between(clock.instant(), switchAt)
                    .truncatedTo(ChronoUnit.MINUTES) + ")"));
        }
        out.println("certificates that verify the center's audit checkpoints (all of its keystore):");
        for (Map.Entry<java.math.BigInteger, X509Certificate> entry : keys.allCertificates().entrySet()) {
            out.println("  serial " + entry.getKey() + " " + entry.getValue().getSubjectX500Principal().getName()
                    + " valid to " + entry.getValue().getNotAfter().toInstant());
        }
        return 0;
    }

    private static String describe(CenterSigningKeys keys, String alias) {
        X509Certificate certificate = keys.certificate(alias);
        return "'" + alias + "' serial " + certificate.getSerialNumber() + ", valid to "
                + certificate.getNotAfter().toInstant();
    }

    /** The present key's certificate (its subject is the next one's); refuses an alias that is taken. */
    private X509Certificate presentCertificate(Path keystore, char[] password, String next) {
        java.security.KeyStore store = KeyStoreFiles.read(keystore, password);
        String alias = settings.get(CenterSigningKeys.ALIAS);
        try {
            if (store.containsAlias(next)) {
                throw new IllegalArgumentException("the keystore " + keystore + " already has an entry '" + next
                        + "': a next key was prepared already (see center key rollover status), or choose --alias");
            }
            if (!(store.getCertificate(alias) instanceof X509Certificate certificate)) {
                throw new IllegalArgumentException("the keystore " + keystore + " has no entry '" + alias + "' ("
                        + CenterSigningKeys.ALIAS + ")");
            }
            return certificate;
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException("cannot read the keystore " + keystore, e);
        }
    }
}
