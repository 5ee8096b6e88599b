package jp.hokensho.center;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.audit.AuditCheckpointer;
import jp.hokensho.center.audit.CheckpointSignature;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.batch.BatchSetup;
import jp.hokensho.center.cardstore.JpaCardStore;
import jp.hokensho.center.datakey.DataKeyFiles;
import jp.hokensho.center.backup.BackupRuns;
import jp.hokensho.center.backup.BackupSchedule;
import jp.hokensho.center.jobs.JobLease;
import jp.hokensho.center.jobs.LeasedJobs;
import jp.hokensho.center.monitoring.BackupHealth;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.monitoring.AvailabilityLedger;
import jp.hokensho.center.monitoring.HealthReport;
import jp.hokensho.center.monitoring.ManagementAccess;
import jp.hokensho.center.monitoring.Monitoring;
import jp.hokensho.center.numbering.BlockVerificationNumberIssuer;
import jp.hokensho.center.organisation.CachedInsurerDirectory;
import jp.hokensho.center.organisation.InsurerRegistry;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.DatabaseSettings;
import jp.hokensho.center.reference.KeptAnswerAuditTrail;
import jp.hokensho.center.reference.KeptAnswerStore;
import jp.hokensho.center.registry.CenterCardRegistry;
import jp.hokensho.center.retention.RetentionPurge;
import jp.hokensho.center.review.AccessReviewStore;
import jp.hokensho.center.review.DormantAccountSweep;
import jp.hokensho.center.review.OverdueReviewsHealth;
import jp.hokensho.center.review.ReviewSettings;
import jp.hokensho.center.review.StoredAccessReview;
import jp.hokensho.center.security.DatabaseReplayCache;
import jp.hokensho.center.soap.SoapEndpoints;
import jp.hokensho.center.soap.TlsSetup;
import jp.hokensho.contract.CardKeyHmac;
import jp.hokensho.routes.ExpectedFaults;
import jp.hokensho.routes.account.AccountRoutes;
import jp.hokensho.routes.admin.AccessReviewRoutes;
import jp.hokensho.routes.admin.AdminRoutes;
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
    static final String CARD_HMAC_KEY = "center.log.card-hmac-key";

    private final Database database;
    private final Main camel;
    private final String address;
    private final Monitoring monitoring;
    private BatchSetup batches;
    private AuditCheckpointer checkpointer;
    private JpaAuditTrail audit;
    private AccessLog accessLog;
    private List<DatabaseReplayCache> replayCaches = List.of();
    private LeasedJobs jobs;
    private AvailabilityLedger availability;
    private CachedInsurerDirectory insurerDirectory;

    private CenterApplication(Database database, Main camel, String address, Monitoring monitoring) {
        this.monitoring = monitoring;
        this.database = database;
        this.camel = camel;
        this.address = address;
    }

    public static CenterApplication start(CenterSettings settings, Clock clock) {
        TransportChecks.requireTlsOffLoopback(settings);
        NativeCrypto.installIfAvailable(!"false".equals(settings.getOrNull("center.native-crypto")));
        StaxFactoryChoice.nameWoodstoxUnlessChosen();
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
        AvailabilityLedger availability = new AvailabilityLedger(database.dataSource(),
                settings.getInt("center.node-id"), clock);
        monitoring.insurers().keepIn(availability);
        SoapEndpoints.ServerSecurity served = security.serverSecurity(monitoring);
        // Read before anything binds, so a bad management key or hash stops the start with nothing open.
        ManagementAccess managementAccess = TransportChecks.managementAccess(settings);
        boolean backupScheduled = Boolean.parseBoolean(settings.get("center.backup.schedule-enabled"));
        // Made before anything binds: a missing backup passphrase stops the start with nothing open.
        BackupSchedule backups = backupScheduled ? new BackupSchedule(settings, database.dataSource(), clock) : null;
        String base = baseAddress(settings);
        String address = base + settings.get("center.http.path");

        JpaAuditTrail audit = new JpaAuditTrail(database, settings.getInt("center.node-id"), clock)
                .groupCommits(settings.getInt("center.audit.group-commit.max-records"));
        AuditCheckpointer checkpointer = new AuditCheckpointer(database.dataSource(),
                CheckpointSignature.of(security.signingKeys()),
                settings.getInt("center.audit.checkpoint.every-records"), clock);
        audit.afterEachAppend(checkpointer::appended);
        BatchSetup batches = new BatchSetup(settings, database, clock, audit, security.refusals);
        // Verifications read the directory from a snapshot: changes reach them within the refresh bound.
        CachedInsurerDirectory insurerDirectory = new CachedInsurerDirectory(new InsurerRegistry(database, clock),
                settings.getSeconds("center.insurer.directory-refresh-seconds"));
        // Answers to a requestReference are kept sealed for their window, written with their audit record.
        KeptAnswerStore keptAnswers = new KeptAnswerStore(database.dataSource(), DataKeyFiles.configured(settings),
                KeptAnswerStore.window(settings), clock);
        VerificationSteps steps = new VerificationSteps(new VerificationSteps.VerificationPorts(
                insurerDirectory, new JpaCardStore(database),
                new BlockVerificationNumberIssuer(database, settings.getInt("center.node-id"),
                        settings.getInt("center.numbering.block-size"), clock),
                new KeptAnswerAuditTrail(audit, batches.auditTrail(), keptAnswers), security.refusals, keptAnswers),
                clock);

        Main camel = new Main();
        camel.configure().addRoutesBuilder(new ExpectedFaults());
        camel.configure().addRoutesBuilder(new EligibilityRoutes(steps, new VerificationHistory(audit),
                monitoring.insurers(), breakerSettings(settings)));
        camel.configure().addRoutesBuilder(batches.routes(steps));
        camel.configure().addRoutesBuilder(new AccountRoutes(security.refusals, security.passwordChanger(),
                security.passwordChangeRequirement()));
        camel.configure().addRoutesBuilder(new RegistryRoutes(security.refusals, new InsurerRegistry(database, clock),
                new CenterCardRegistry(new JpaCardStore(database), clock), cardNames(settings)));
        addAdminRoutes(camel, settings, database, clock, security);
        // Every served contract shares one security chain exactly.
        camel.bind(EligibilityRoutes.ENTRY_ENDPOINT, SoapEndpoints.eligibilityServer(null, address, served));
        camel.bind(AccountRoutes.ENTRY_ENDPOINT, SoapEndpoints.accountServer(null,
                base + settings.get("center.http.account-path"), served));
        camel.bind(RegistryRoutes.ENTRY_ENDPOINT, SoapEndpoints.server(null,
                base + settings.get("center.http.registry-path"), SoapEndpoints.ServedContract.REGISTRY, served));
        camel.bind(AdminRoutes.ENTRY_ENDPOINT, SoapEndpoints.server(null,
                base + settings.get("center.http.admin-path"), SoapEndpoints.ServedContract.ADMIN, served));
        camel.bind(EligibilityRoutes.INSURER_QUERY_ENDPOINT, security.insurerClient());
        try {
            camel.start();
        } catch (Exception e) {
            throw new IllegalStateException("the center could not start its routes", e);
        }
        batches.startBrokerConsumers(camel.getCamelContext());
        Duration checkpointInterval = settings.getSeconds("center.audit.checkpoint.interval-seconds");
        checkpointer.start(checkpointInterval, new JobLease(database.dataSource(), "audit-checkpoint",
                jobHolder(settings), checkpointInterval.multipliedBy(5), clock));
        LeasedJobs jobs = periodicJobs(settings, database, clock, backups);
        availability.start(settings.getSeconds("center.monitoring.availability.flush-seconds"));
        monitoring.serve(settings.get("center.management.host"), settings.getInt("center.management.port"),
                new HealthReport(database.dataSource(), new InsurerRegistry(database, clock), monitoring.insurers(),
                        camel.getCamelContext(), new BackupHealth(new BackupRuns(database.dataSource()),
                        Duration.ofHours(settings.getInt("center.backup.max-age-hours")), backupScheduled, clock),
                        new OverdueReviewsHealth(accessReview(settings, database, clock), clock),
                        jp.hokensho.center.monitoring.ExpiringKeysHealth.of(database, settings, clock)), managementAccess);
        DormantAccountSweep dormancySweep = new DormantAccountSweep(new AccessReviewStore(database.dataSource()),
                ReviewSettings.of(settings), clock);
        jobs.every("dormant-account-sweep", Duration.ofHours(settings.getInt("center.review.sweep-interval-hours")),
                Duration.ofMinutes(30), settings.getSeconds("center.jobs.tick-seconds"),
                () -> dormancySweep.disableDormant(clock.instant()));
        LOG.info("verification center listening on {} (WSDL: {}?wsdl)", address, address);
        CenterApplication application = new CenterApplication(database, camel, address, monitoring);
        application.batches = batches;
        application.checkpointer = checkpointer;
        application.audit = audit;
        application.accessLog = security.accessLog;
        application.replayCaches = security.replayCaches;
        application.jobs = jobs;
        application.availability = availability;
        application.insurerDirectory = insurerDirectory;
        return application;
    }

    /** The AdminService: its entry and one route builder per area (see {@link AdminRoutes}). */
    private static void addAdminRoutes(Main camel, CenterSettings settings, Database database, Clock clock,
                                       SecurityAssembly security) {
        camel.configure().addRoutesBuilder(new AdminRoutes());
        camel.configure().addRoutesBuilder(new jp.hokensho.routes.admin.OrganisationRoutes(security.refusals,
                new jp.hokensho.center.admin.service.StoredOrganisationListing(
                        new jp.hokensho.center.organisation.OrganisationRepository(database, clock),
                        new InsurerRegistry(database, clock))));
        // further areas: one addRoutesBuilder line each, below this line
        camel.configure().addRoutesBuilder(new AccessReviewRoutes(security.refusals,
                accessReview(settings, database, clock)));
        camel.configure().addRoutesBuilder(jp.hokensho.center.admin.applications.ApplicationsSetup.routes(
                security.refusals, database, settings, clock));
        camel.configure().addRoutesBuilder(new jp.hokensho.routes.admin.ServiceLogRoutes(security.refusals,
                new jp.hokensho.center.admin.logs.StoredServiceLogs(database, cardNames(settings),
                        new jp.hokensho.center.admin.logs.StoredServiceLogs.Limits(
                                settings.getInt("center.admin.logs.max-page-size"),
                                settings.getInt("center.admin.logs.export-max-rows")), clock),
                new jp.hokensho.center.report.StoredOperationsReports(database.dataSource())));
        camel.configure().addRoutesBuilder(new jp.hokensho.routes.admin.KeyRoutes(security.refusals,
                jp.hokensho.center.admin.service.ContractKeyAdministration.of(database, settings, clock)));
    }

    /** The access review (policy 2) from the database; stateless, so the routes and the health report each have one. */
    private static StoredAccessReview accessReview(CenterSettings settings, Database database, Clock clock) {
        return new StoredAccessReview(new AccessReviewStore(database.dataSource()),
                new CertificateStore(database, clock),
                new jp.hokensho.center.admin.applications.StoredPendingApplications(database.dataSource()),
                ReviewSettings.of(settings), clock);
    }

    /** The jobs one node of several runs at a time, under a database lease: retention purge, daily backup. */
    private static LeasedJobs periodicJobs(CenterSettings settings, Database database, Clock clock,
                                           BackupSchedule backups) {
        LeasedJobs jobs = new LeasedJobs(database.dataSource(), jobHolder(settings), clock);
        Duration tick = settings.getSeconds("center.jobs.tick-seconds");
        RetentionPurge purge = new RetentionPurge(database.dataSource(), settings, clock);
        jobs.every("retention-purge", Duration.ofMinutes(settings.getInt("center.retention.purge-interval-minutes")),
                Duration.ofMinutes(30), tick, purge::purge);
        if (backups != null) {
            backups.schedule(jobs);
        }
        return jobs;
    }

    /** This node's name in {@code job_lease}: its node id and host. */
    private static String jobHolder(CenterSettings settings) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return "node-" + settings.get("center.node-id") + "@" + host;
    }

    /**
     * {@code https://host:port} when a TLS key is configured (production), else {@code http://host:port}
     * (loopback only: {@link TransportChecks} refused any other host); sets up the HTTPS engine before any
     * endpoint binds the port.
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

    /** Names cards in logs by an HMAC of their key; the secret is required, never built in. */
    static CardKeyHmac cardNames(CenterSettings settings) {
        return CardKeyHmac.fromBase64(settings.getOrNull(CARD_HMAC_KEY), CARD_HMAC_KEY);
    }

    /** The center's keys and certificates (all of its keystore, across rollovers): sign and verify the checkpoints. */
    public static CheckpointSignature checkpointSignature(CenterSettings settings) {
        return CheckpointSignature.of(jp.hokensho.center.security.CenterSigningKeys.load(settings,
                java.time.Clock.systemUTC()));
    }

    static BreakerSettings breakerSettings(CenterSettings settings) {
        return new BreakerSettings(settings.getInt("center.insurer.breaker.window"),
                settings.getInt("center.insurer.breaker.minimum-calls"),
                settings.getInt("center.insurer.breaker.failure-rate-percent"),
                settings.getInt("center.insurer.breaker.open-seconds"),
                settings.getInt("center.insurer.breaker.half-open-calls"));
    }

    public static DatabaseSettings databaseSettings(CenterSettings settings) {
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

    /** The directory verifications read; {@link CachedInsurerDirectory#forget()} after changing the table directly. */
    public CachedInsurerDirectory insurerDirectory() {
        return insurerDirectory;
    }

    /** The port of {@code /health} and {@code /metrics}, or -1 when they are closed. */
    public int managementPort() {
        return monitoring.port();
    }

    @Override
    public void close() {
        if (batches != null) {
            batches.stopClaiming();
            batches.stopBrokerConsumers(); // messages in hand are finished while the routes still run
        }
        try {
            camel.stop();
        } catch (Exception e) {
            LOG.warn("stopping the routes failed", e);
        }
        if (batches != null) {
            batches.releaseClaims();
        }
        if (jobs != null) {
            jobs.close();
        }
        if (audit != null) {
            audit.close(); // appends still waiting for the group writer are committed first
        }
        if (accessLog != null) {
            accessLog.close();
        }
        replayCaches.forEach(DatabaseReplayCache::close);
        if (checkpointer != null) {
            checkpointer.close(); // anchors the last records before the database closes
        }
        if (availability != null) {
            availability.close(); // stores the counts since the last flush
        }
        monitoring.close();
        database.close();
    }
}
