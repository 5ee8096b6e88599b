package jp.hokensho.center;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.audit.JdbcRefusalLog;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.batch.BatchSetup;
import jp.hokensho.center.cardstore.JpaCardStore;
import jp.hokensho.center.identity.PasswordChanger;
import jp.hokensho.center.identity.PasswordRules;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.numbering.BlockVerificationNumberIssuer;
import jp.hokensho.center.organisation.InsurerRegistry;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.DatabaseSettings;
import jp.hokensho.center.security.CallerAuthenticationInterceptor;
import jp.hokensho.center.security.CredentialCache;
import jp.hokensho.center.security.DatabaseReplayCache;
import jp.hokensho.center.security.DeferredPasswordValidator;
import jp.hokensho.center.security.PasswordAuthenticator;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.center.security.RegisteredCertificateValidator;
import jp.hokensho.center.security.SecurityRefusalLogger;
import jp.hokensho.center.soap.AccessLogging;
import jp.hokensho.center.soap.CenterCrypto;
import jp.hokensho.center.soap.ContractSchemas;
import jp.hokensho.center.soap.ContractValidationInterceptor;
import jp.hokensho.center.soap.DecryptedContentLimits;
import jp.hokensho.center.soap.RequestSizeLimit;
import jp.hokensho.center.soap.FaultSanitiser;
import jp.hokensho.center.soap.SoapEndpoints;
import jp.hokensho.center.soap.TlsSetup;
import jp.hokensho.center.ca.KeyStoreFiles;
import org.apache.cxf.BusFactory;
import jp.hokensho.routes.account.AccountRoutes;
import jp.hokensho.center.registry.CenterCardRegistry;
import jp.hokensho.routes.registry.RegistryRoutes;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.ExpectedFaults;
import jp.hokensho.routes.verification.BreakerSettings;
import jp.hokensho.routes.verification.EligibilityRoutes;
import jp.hokensho.center.monitoring.HealthReport;
import jp.hokensho.center.monitoring.Monitoring;
import jp.hokensho.routes.verification.VerificationHistory;
import jp.hokensho.routes.verification.VerificationSteps;
import org.apache.camel.main.Main;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.wss4j.common.crypto.Crypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running center: database, WS-Security endpoints and Camel routes, assembled from settings. */
public final class CenterApplication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CenterApplication.class);

    private final Database database;
    private final Main camel;
    private final String address;
    private final Monitoring monitoring;
    private BatchSetup batches;

    private CenterApplication(Database database, Main camel, String address, Monitoring monitoring) {
        this.monitoring = monitoring;
        this.database = database;
        this.camel = camel;
        this.address = address;
    }

    public static CenterApplication start(CenterSettings settings, Clock clock) {
        NativeCrypto.installIfAvailable(!"false".equals(settings.getOrNull("center.native-crypto")));
        Database database = Database.open(databaseSettings(settings));
        try {
            return start(settings, clock, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static CenterApplication start(CenterSettings settings, Clock clock, Database database) {
        RefusalLog refusals = new JdbcRefusalLog(database.dataSource(), clock);
        CertificateStore certificates = new CertificateStore(database, clock);
        AccessLogging access = new AccessLogging(new AccessLog(database.dataSource(), clock));
        Crypto crypto = CenterCrypto.merlin(settings.getPath("center.keystore.path"),
                settings.get("center.keystore.password"), settings.get("center.keystore.alias"),
                settings.getPath("center.truststore.path"), settings.get("center.truststore.password"));
        Map<String, String> keyPasswords = Map.of(settings.get("center.keystore.alias"),
                settings.get("center.keystore.password"));
        UserAccountStore users = new UserAccountStore(database, clock);
        PasswordHasher hasher = new PasswordHasher(settings.getInt("center.password.pbkdf2-iterations"));
        CredentialCache credentials = new CredentialCache(settings.getSeconds("center.credential-cache.seconds"), clock);
        PasswordAuthenticator.LockoutPolicy lockout = new PasswordAuthenticator.LockoutPolicy(
                settings.getInt("center.lockout.failures"),
                java.time.Duration.ofMinutes(settings.getInt("center.lockout.minutes")));
        PasswordAuthenticator authenticator = new PasswordAuthenticator(users, hasher, credentials, lockout, clock);
        String address = baseAddress(settings) + settings.get("center.http.path");
        String accountAddress = baseAddress(settings) + settings.get("center.http.account-path");
        Monitoring monitoring = new Monitoring(clock);
        SoapEndpoints.ServerSecurity security = new SoapEndpoints.ServerSecurity(crypto,
                settings.get("center.keystore.alias"), keyPasswords, new DeferredPasswordValidator(),
                new RegisteredCertificateValidator(certificates, refusals, clock),
                settings.getInt("center.timestamp.ttl-seconds"), securityExtras(settings, database, clock),
                List.of(access.start(), new RequestSizeLimit(settings.getInt("center.request.max-bytes"),
                        settings.getInt("center.batch.request.max-bytes"), refusals),
                        new CallerAuthenticationInterceptor(authenticator, certificates, refusals),
                        new DecryptedContentLimits(settings.getInt("center.xml.max-elements"),
                                settings.getInt("center.xml.max-depth"), settings.getInt("center.xml.max-decrypted-chars"),
                                refusals).withBatchLimits(settings.getInt("center.batch.xml.max-elements"),
                                settings.getInt("center.batch.xml.max-decrypted-chars")),
                        new ContractValidationInterceptor(ContractSchemas.centerServices(), refusals)),
                List.of(new SecurityRefusalLogger(refusals), new FaultSanitiser(), access.finish()),
                List.of(access.finish(), monitoring.verificationCounter()));

        JpaAuditTrail audit = new JpaAuditTrail(database, clock);
        BatchSetup batches = new BatchSetup(settings, database, clock, audit);
        VerificationSteps steps = new VerificationSteps(new VerificationSteps.VerificationPorts(
                new InsurerRegistry(database, clock), new JpaCardStore(database),
                new BlockVerificationNumberIssuer(database, settings.getInt("center.node-id")),
                batches.auditTrail(), refusals),
                clock);

        Main camel = new Main();
        camel.configure().addRoutesBuilder(new ExpectedFaults());
        camel.configure().addRoutesBuilder(new EligibilityRoutes(steps, new VerificationHistory(audit),
                monitoring.insurers(), breakerSettings(settings)));
        camel.bind(EligibilityRoutes.ENTRY_ENDPOINT, SoapEndpoints.eligibilityServer(null, address, security));
        camel.configure().addRoutesBuilder(batches.routes(steps));
        // The AccountService shares the eligibility endpoint's security (and its interceptors) exactly.
        camel.configure().addRoutesBuilder(new AccountRoutes(refusals, new PasswordChanger(users, hasher, credentials,
                new PasswordRules(settings.getInt("center.password.min-length")), lockout, clock)));
        camel.bind(AccountRoutes.ENTRY_ENDPOINT, SoapEndpoints.accountServer(null, accountAddress, security));
        // The CardRegistryService (pre-stored insurers' back offices) shares the same security exactly.
        camel.configure().addRoutesBuilder(new RegistryRoutes(refusals, new InsurerRegistry(database, clock),
                new CenterCardRegistry(new JpaCardStore(database), clock)));
        camel.bind(RegistryRoutes.ENTRY_ENDPOINT, SoapEndpoints.server(null, baseAddress(settings)
                + settings.get("center.http.registry-path"), SoapEndpoints.ServedContract.REGISTRY, security));
        camel.bind(EligibilityRoutes.INSURER_QUERY_ENDPOINT, SoapEndpoints.insurerQueryClient(null, crypto,
                settings.get("center.keystore.alias"), keyPasswords,
                settings.get("center.service-account.username"), settings.get("center.service-account.password"),
                KeyStoreFiles.read(settings.getPath("center.truststore.path"),
                        settings.get("center.truststore.password").toCharArray())));
        try {
            camel.start();
        } catch (Exception e) {
            throw new IllegalStateException("the center could not start its routes", e);
        }
        monitoring.serve(settings.get("center.management.host"), settings.getInt("center.management.port"),
                new HealthReport(database.dataSource(), new InsurerRegistry(database, clock), monitoring.insurers(),
                        camel.getCamelContext()));
        LOG.info("verification center listening on {} (WSDL: {}?wsdl)", address, address);
        CenterApplication application = new CenterApplication(database, camel, address, monitoring);
        application.batches = batches;
        return application;
    }

    /**
     * {@code https://host:port} when a TLS key is configured (production), else {@code http://host:port}
     * (loopback demo and tests); sets up the HTTPS engine before any endpoint binds the port.
     */
    static String baseAddress(CenterSettings settings) {
        String host = settings.get("center.http.host");
        int port = settings.getInt("center.http.port");
        String tlsKeystore = settings.getOrNull("center.tls.keystore.path");
        if (tlsKeystore == null) {
            return "http://" + host + ":" + port;
        }
        TlsSetup.serveHttps(BusFactory.getDefaultBus(), host, port, java.nio.file.Path.of(tlsKeystore),
                settings.get("center.tls.keystore.password").toCharArray());
        return "https://" + host + ":" + port;
    }

    static BreakerSettings breakerSettings(CenterSettings settings) {
        return new BreakerSettings(settings.getInt("center.insurer.breaker.window"),
                settings.getInt("center.insurer.breaker.minimum-calls"),
                settings.getInt("center.insurer.breaker.failure-rate-percent"),
                settings.getInt("center.insurer.breaker.open-seconds"),
                settings.getInt("center.insurer.breaker.half-open-calls"));
    }

    static DatabaseSettings databaseSettings(CenterSettings settings) {
        String url = settings.getOrNull("center.db.url");
        if (url == null) {
            return DatabaseSettings.h2File(settings.dataDir().resolve("db"));
        }
        String password = settings.getOrNull("center.db.password");
        return new DatabaseSettings(url, settings.getOrNull("center.db.user"), password == null ? "" : password, 10);
    }

    /** Parser limits for the raw message, and the replay cache every node shares through the database. */
    private static Map<String, Object> securityExtras(CenterSettings settings, Database database, Clock clock) {
        DatabaseReplayCache replayCache = new DatabaseReplayCache(database.dataSource(),
                settings.getSeconds("center.timestamp.ttl-seconds").plusMinutes(2), clock);
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

    public String eligibilityAddress() {
        return address;
    }

    public Database database() {
        return database;
    }

    /** The port of {@code /health} and {@code /metrics}, or -1 when they are closed. */
    public int managementPort() {
        return monitoring.port();
    }

    @Override
    public void close() {
        try {
            camel.stop();
        } catch (Exception e) {
            LOG.warn("stopping the routes failed", e);
        }
        if (batches != null) {
            batches.releaseClaims();
        }
        monitoring.close();
        database.close();
    }
}
