package jp.hokensho.center;

import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.audit.JdbcRefusalLog;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.identity.PasswordChanger;
import jp.hokensho.center.identity.PasswordRules;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.identity.store.UserAccountView;
import jp.hokensho.center.monitoring.Monitoring;
import jp.hokensho.center.organisation.InsurerCertificateImport;
import jp.hokensho.center.organisation.InsurerCertificates;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.security.CallerAuthenticationInterceptor;
import jp.hokensho.center.security.CenterSigningKeys;
import jp.hokensho.center.security.CredentialCache;
import jp.hokensho.center.security.DatabaseReplayCache;
import jp.hokensho.center.security.DeferredPasswordValidator;
import jp.hokensho.center.security.PasswordAuthenticator;
import jp.hokensho.center.security.PasswordChangeGate;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.center.security.RegisteredCertificateValidator;
import jp.hokensho.center.security.SecurityRefusalLogger;
import jp.hokensho.center.soap.AccessLogging;
import jp.hokensho.center.soap.CenterCrypto;
import jp.hokensho.center.soap.ContractSchemas;
import jp.hokensho.center.soap.ContractValidationInterceptor;
import jp.hokensho.center.soap.DecryptedContentLimits;
import jp.hokensho.center.soap.FaultSanitiser;
import jp.hokensho.center.soap.RegisteredInsurerCertificates;
import jp.hokensho.center.soap.RequestSizeLimit;
import jp.hokensho.center.soap.SigningKeyChoice;
import jp.hokensho.center.soap.SoapEndpoints;
import jp.hokensho.routes.port.PasswordChangeRequirement;
import jp.hokensho.routes.port.RefusalLog;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.wss4j.common.crypto.Crypto;

/**
 * The center's security parts assembled from settings: its keys, the person checks (passwords, lockout,
 * cache), the key checks against the database, the logs, and the interceptor chain every served endpoint
 * shares, in the order that matters (size → WS-Security → person → decrypted limits → contract → one-time password).
 */
final class SecurityAssembly {
    final RefusalLog refusals;
    private final CenterSettings settings;
    private final Database database;
    private final Clock clock;
    private final CertificateStore certificates;
    private final CenterSigningKeys signingKeys;
    private final RegisteredInsurerCertificates insurerCertificates;
    private final Crypto crypto;
    private final Map<String, String> keyPasswords;
    private final UserAccountStore users;
    private final PasswordHasher hasher;
    private final CredentialCache credentials;
    private final PasswordAuthenticator.LockoutPolicy lockout;
    final AccessLog accessLog;
    /** Closed with the center: their group writers stop. */
    final List<DatabaseReplayCache> replayCaches = new CopyOnWriteArrayList<>();

    SecurityAssembly(CenterSettings settings, Database database, Clock clock) {
        this.settings = settings;
        this.database = database;
        this.clock = clock;
        this.refusals = new JdbcRefusalLog(database.dataSource(), clock);
        this.accessLog = new AccessLog(database.dataSource(), clock)
                .groupCommits(settings.getInt("center.access-log.group-commit.max-records"));
        this.certificates = new CertificateStore(database, clock);
        this.signingKeys = CenterSigningKeys.load(settings, clock);
        InsurerCertificates registered = new InsurerCertificates(database.dataSource(), clock);
        this.insurerCertificates = new RegisteredInsurerCertificates(registered::activeByAlias,
                settings.getSeconds("center.insurer.certificate-refresh-seconds"), clock);
        this.crypto = CenterCrypto.center(settings.getPath("center.keystore.path"),
                settings.get("center.keystore.password"), keyAlias(), settings.getPath("center.truststore.path"),
                settings.get("center.truststore.password"), insurerCertificates);
        this.keyPasswords = signingKeys.keyPasswords();
        this.users = new UserAccountStore(database, clock);
        this.hasher = new PasswordHasher(settings.getInt("center.password.pbkdf2-iterations"));
        this.credentials = new CredentialCache(settings.getSeconds("center.credential-cache.seconds"),
                settings.getInt("center.credential-cache.max-entries"), clock);
        this.lockout = new PasswordAuthenticator.LockoutPolicy(settings.getInt("center.lockout.failures"),
                Duration.ofMinutes(settings.getInt("center.lockout.window-minutes")),
                Duration.ofMinutes(settings.getInt("center.lockout.minutes")));
    }

    /** What every served endpoint (eligibility, account, registry) uses: one chain, one policy. */
    SoapEndpoints.ServerSecurity serverSecurity(Monitoring monitoring) {
        AccessLogging access = new AccessLogging(accessLog);
        PasswordAuthenticator authenticator = new PasswordAuthenticator(users, hasher, credentials, lockout, clock);
        return new SoapEndpoints.ServerSecurity(crypto, keyAlias(), keyPasswords, new DeferredPasswordValidator(),
                new RegisteredCertificateValidator(certificates, refusals, clock),
                settings.getInt("center.timestamp.ttl-seconds"), parserLimitsAndReplayCache(),
                List.of(access.start(), new RequestSizeLimit(settings.getInt("center.request.max-bytes"),
                                settings.getInt("center.batch.request.max-bytes"), refusals),
                        new CallerAuthenticationInterceptor(authenticator, certificates, refusals),
                        new DecryptedContentLimits(settings.getInt("center.xml.max-elements"),
                                settings.getInt("center.xml.max-depth"),
                                settings.getInt("center.xml.max-decrypted-chars"), refusals)
                                .withBatchLimits(settings.getInt("center.batch.xml.max-elements"),
                                        settings.getInt("center.batch.xml.max-decrypted-chars")),
                        new ContractValidationInterceptor(ContractSchemas.centerServices(), refusals),
                        new PasswordChangeGate(refusals)),
                List.of(new SecurityRefusalLogger(refusals), new FaultSanitiser(), access.finish(), signingKeyChoice()),
                List.of(access.finish(), monitoring.verificationCounter(), signingKeyChoice()));
    }

    PasswordChanger passwordChanger() {
        return new PasswordChanger(users, hasher, credentials,
                new PasswordRules(settings.getInt("center.password.min-length")), lockout, clock);
    }

    /** Whether a person must change the password before anything else: a one-time password not yet changed. */
    PasswordChangeRequirement passwordChangeRequirement() {
        return userId -> users.find(userId).map(UserAccountView::passwordChangeRequired).orElse(false);
    }

    /**
     * The center's client to real-time insurers: its own key and service account, the insurers' certificates from
     * the database (those an older installation kept in its truststore are moved there first), the CA for HTTPS.
     */
    CxfEndpoint insurerClient() {
        KeyStore truststore = KeyStoreFiles.read(settings.getPath("center.truststore.path"),
                settings.get("center.truststore.password").toCharArray());
        new InsurerCertificateImport(new InsurerCertificates(database.dataSource(), clock)).fromTruststore(truststore,
                settings.getPath("center.truststore.path"));
        return SoapEndpoints.insurerQueryClient(null, crypto, keyAlias(), keyPasswords,
                settings.get("center.service-account.username"), settings.get("center.service-account.password"),
                truststore, insurerCertificates, signingKeys::signingAlias);
    }

    /** The center's keys: which signs now (it changes at a rollover's switch time), all its certificates. */
    CenterSigningKeys signingKeys() {
        return signingKeys;
    }

    private SigningKeyChoice signingKeyChoice() {
        return new SigningKeyChoice(signingKeys::signingAlias);
    }

    /** Parser limits for the raw message, and the replay cache every node shares through the database. */
    private Map<String, Object> parserLimitsAndReplayCache() {
        DatabaseReplayCache replayCache = new DatabaseReplayCache(database.dataSource(),
                settings.getSeconds("center.timestamp.ttl-seconds").plusMinutes(2), clock)
                .groupCommits(settings.getInt("center.replay-cache.group-commit.max-records"));
        replayCaches.add(replayCache);
        return Map.of(
                "org.apache.cxf.stax.maxElementDepth", settings.get("center.xml.max-depth"),
                "org.apache.cxf.stax.maxElementCount", settings.get("center.xml.max-elements"),
                // One text node holds the whole encrypted body: as large as a batch request may be.
                "org.apache.cxf.stax.maxTextLength", String.valueOf(Math.max(settings.getInt("center.request.max-bytes"),
                        settings.getInt("center.batch.request.max-bytes"))),
                SecurityConstants.ENABLE_TIMESTAMP_CACHE, "true",
                SecurityConstants.ENABLE_NONCE_CACHE, "true",
                SecurityConstants.TIMESTAMP_CACHE_INSTANCE, replayCache,
                SecurityConstants.NONCE_CACHE_INSTANCE, replayCache);
    }

    private String keyAlias() {
        return settings.get("center.keystore.alias");
    }
}
