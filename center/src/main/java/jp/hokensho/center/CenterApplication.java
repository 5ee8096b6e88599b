package jp.hokensho.center;

import java.time.Clock;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.batch.BatchSetup;
import jp.hokensho.center.cardstore.JpaCardStore;
import jp.hokensho.center.monitoring.HealthReport;
import jp.hokensho.center.monitoring.Monitoring;
import jp.hokensho.center.numbering.BlockVerificationNumberIssuer;
import jp.hokensho.center.organisation.InsurerRegistry;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.DatabaseSettings;
import jp.hokensho.center.registry.CenterCardRegistry;
import jp.hokensho.center.soap.SoapEndpoints;
import jp.hokensho.center.soap.TlsSetup;
import jp.hokensho.routes.ExpectedFaults;
import jp.hokensho.routes.account.AccountRoutes;
import jp.hokensho.routes.registry.RegistryRoutes;
import jp.hokensho.routes.verification.BreakerSettings;
import jp.hokensho.routes.verification.EligibilityRoutes;
import jp.hokensho.routes.verification.VerificationHistory;
import jp.hokensho.routes.verification.VerificationSteps;
import org.apache.camel.main.Main;
import org.apache.cxf.BusFactory;
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
        SecurityAssembly security = new SecurityAssembly(settings, database, clock);
        Monitoring monitoring = new Monitoring(clock);
        SoapEndpoints.ServerSecurity served = security.serverSecurity(monitoring);
        String base = baseAddress(settings);
        String address = base + settings.get("center.http.path");

        JpaAuditTrail audit = new JpaAuditTrail(database, clock);
        BatchSetup batches = new BatchSetup(settings, database, clock, audit);
        VerificationSteps steps = new VerificationSteps(new VerificationSteps.VerificationPorts(
                new InsurerRegistry(database, clock), new JpaCardStore(database),
                new BlockVerificationNumberIssuer(database, settings.getInt("center.node-id")),
                batches.auditTrail(), security.refusals), clock);

        Main camel = new Main();
        camel.configure().addRoutesBuilder(new ExpectedFaults());
        camel.configure().addRoutesBuilder(new EligibilityRoutes(steps, new VerificationHistory(audit),
                monitoring.insurers(), breakerSettings(settings)));
        camel.configure().addRoutesBuilder(batches.routes(steps));
        camel.configure().addRoutesBuilder(new AccountRoutes(security.refusals, security.passwordChanger(),
                security.passwordChangeRequirement()));
        camel.configure().addRoutesBuilder(new RegistryRoutes(security.refusals, new InsurerRegistry(database, clock),
                new CenterCardRegistry(new JpaCardStore(database), clock)));
        // Every served contract shares one security chain exactly.
        camel.bind(EligibilityRoutes.ENTRY_ENDPOINT, SoapEndpoints.eligibilityServer(null, address, served));
        camel.bind(AccountRoutes.ENTRY_ENDPOINT, SoapEndpoints.accountServer(null,
                base + settings.get("center.http.account-path"), served));
        camel.bind(RegistryRoutes.ENTRY_ENDPOINT, SoapEndpoints.server(null,
                base + settings.get("center.http.registry-path"), SoapEndpoints.ServedContract.REGISTRY, served));
        camel.bind(EligibilityRoutes.INSURER_QUERY_ENDPOINT, security.insurerClient());
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
