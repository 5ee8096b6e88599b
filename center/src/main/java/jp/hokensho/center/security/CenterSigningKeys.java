package jp.hokensho.center.security;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.ca.KeyStoreFiles;

/**
 * The center's own keys in its keystore, and which one signs now. Normally one key ({@code center.keystore.alias}).
 * During a rollover the next key ({@code center.keystore.next-alias}) is there too: requests encrypted to either
 * certificate are decrypted, and signing moves to the next key at {@code center.keystore.switch-at}, on every node at
 * the same instant, without a restart. Every certificate of the keystore stays the center's for checking what it
 * signed before (audit checkpoints).
 */
public final class CenterSigningKeys {
    public static final String PATH = "center.keystore.path";
    public static final String PASSWORD = "center.keystore.password";
    public static final String ALIAS = "center.keystore.alias";
    public static final String NEXT_ALIAS = "center.keystore.next-alias";
    public static final String SWITCH_AT = "center.keystore.switch-at";

    private final Path file;
    private final KeyStore store;
    private final char[] password;
    private final String currentAlias;
    private final String nextAlias;
    private final Instant switchAt;
    private final Clock clock;

    private CenterSigningKeys(Path file, KeyStore store, char[] password, String currentAlias, String nextAlias,
                              Instant switchAt, Clock clock) {
        this.file = file;
        this.store = store;
        this.password = password;
        this.currentAlias = currentAlias;
        this.nextAlias = nextAlias;
        this.switchAt = switchAt;
        this.clock = clock;
    }

    /**
     * @throws IllegalStateException a key named by the settings is missing, or only one of next-alias and
     *                               switch-at is set, or switch-at is not an ISO-8601 instant
     */
    public static CenterSigningKeys load(CenterSettings settings, Clock clock) {
        Path file = settings.getPath(PATH);
        char[] password = settings.get(PASSWORD).toCharArray();
        String next = settings.getOrNull(NEXT_ALIAS);
        String switchText = settings.getOrNull(SWITCH_AT);
        if ((next == null) != (switchText == null)) {
            throw new IllegalStateException("configuration '" + NEXT_ALIAS + "' and '" + SWITCH_AT
                    + "' go together: set both for a rollover of the center's key, or neither");
        }
        Instant switchAt;
        try {
            switchAt = switchText == null ? null : Instant.parse(switchText);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("configuration '" + SWITCH_AT + "' must be an ISO-8601 instant such as"
                    + " 2027-04-01T00:00:00Z, not '" + switchText + "'", e);
        }
        CenterSigningKeys keys = new CenterSigningKeys(file, KeyStoreFiles.read(file, password), password,
                settings.get(ALIAS), next, switchAt, clock);
        keys.requireKey(keys.currentAlias, ALIAS);
        if (next != null) {
            keys.requireKey(next, NEXT_ALIAS);
        }
        return keys;
    }

    /** The alias of the key that signs at this instant. */
    public String signingAlias() {
        return switched() ? nextAlias : currentAlias;
    }

    /** Whether the switch time has come (always false without a rollover under way). */
    public boolean switched() {
        return nextAlias != null && !clock.instant().isBefore(switchAt);
    }

    public String currentAlias() {
        return currentAlias;
    }

    public Optional<String> nextAlias() {
        return Optional.ofNullable(nextAlias);
    }

    public Optional<Instant> switchAt() {
        return Optional.ofNullable(switchAt);
    }

    /** The key passwords WSS4J asks for: the current and the next key (decrypting with either, signing). */
    public Map<String, String> keyPasswords() {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(currentAlias, new String(password));
        if (nextAlias != null) {
            passwords.put(nextAlias, new String(password));
        }
        return passwords;
    }

    public X509Certificate certificate(String alias) {
        try {
            X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
            if (certificate == null) {
                throw new IllegalStateException("the keystore " + file + " has no entry '" + alias + "'");
            }
            return certificate;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read '" + alias + "' from " + file, e);
        }
    }

    public PrivateKey privateKey(String alias) {
        try {
            return (PrivateKey) store.getKey(alias, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the center's key '" + alias + "' from " + file, e);
        }
    }

    /** Every certificate of the keystore by serial: the center's present, next and former certificates. */
    public Map<BigInteger, X509Certificate> allCertificates() {
        Map<BigInteger, X509Certificate> certificates = new LinkedHashMap<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                    certificates.put(certificate.getSerialNumber(), certificate);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the keystore " + file, e);
        }
        return certificates;
    }

    private void requireKey(String alias, String setting) {
        try {
            if (!store.isKeyEntry(alias)) {
                throw new IllegalStateException("the keystore " + file + " has no key '" + alias + "' (configuration '"
                        + setting + "')");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the keystore " + file, e);
        }
    }
}
