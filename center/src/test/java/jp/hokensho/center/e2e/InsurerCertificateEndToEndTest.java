package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.admin.OrganisationCli;
import jp.hokensho.center.admin.Pem;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.demo.DemoPki;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.insurer.AdapterSettings;
import jp.hokensho.insurer.InsurerAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real-time insurer's certificate is part of its registration in the database: the center's truststore holds only
 * the CA, and a certificate changed with {@code org change --certificate} (the insurer got a new key) is used by the
 * running center after the refresh time, without a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InsurerCertificateEndToEndTest extends CenterStackTestBase {
    private static final LocalDate SCREEN_DATE = LocalDate.of(2005, 7, 8);
    private static final String INSURER = DemoSeed.REAL_TIME_INSURER;
    private EligibilityPortType clinic;
    private InsurerAdapter renewedAdapter;

    @Override
    Map<String, String> centerOverrides() {
        // A short refresh keeps the test short; the breaker stays closed across the refused calls.
        return Map.of("center.insurer.certificate-refresh-seconds", "1",
                "center.insurer.breaker.window", "100", "center.insurer.breaker.minimum-calls", "100");
    }

    @BeforeAll
    void connect() throws Exception {
        clinic = ClinicClient.connect(stack.client());
    }

    @AfterAll
    void stopRenewedAdapter() {
        if (renewedAdapter != null) {
            renewedAdapter.stop();
        }
    }

    @Test
    @Order(1)
    void realTimeVerificationWorksWithATruststoreOfTheCaOnly() throws Exception {
        CenterSettings settings = centerSettings();
        KeyStore truststore = KeyStoreFiles.read(settings.getPath("center.truststore.path"),
                settings.get("center.truststore.password").toCharArray());
        assertEquals(List.of(DemoPki.CA_ALIAS), Collections.list(truststore.aliases()));

        assertEquals(ResultCode.VALID, verify());
    }

    @Test
    @Order(2)
    void aCertificateChangedInTheDatabaseIsUsedWithoutRestart() throws Exception {
        // The insurer gets a new key; its adapter now decrypts and signs with it only.
        IssuedKey renewed = issueRenewedInsurerKey();
        stack.stopInsurer();
        renewedAdapter = InsurerAdapter.start(AdapterSettings.load(adapterSettingsWith(renewed)));
        assertEquals(ResultCode.INSURER_UNAVAILABLE, verify(),
                "the center still encrypts to the registered (old) certificate, which the adapter cannot read");

        Path certificate = dir.resolve("renewed-insurer.crt.pem");
        Pem.write(certificate, renewed.certificate());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new OrganisationCli(stack.center.database(), centerSettings(), "operator", new PrintStream(output, true,
                StandardCharsets.UTF_8), Clock.systemUTC()).change(INSURER, null, null,
                new OrganisationCli.InsurerDetails(null, null, certificate, null));

        assertEquals(ResultCode.VALID, verifyUntilValid(Duration.ofSeconds(15)), output.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(Pem.text(renewed.certificate())),
                db.query("SELECT certificate_pem FROM insurer WHERE insurer_number = ?", INSURER));
    }

    @Test
    @Order(3)
    void aCertificateNoCaOfTheTruststoreIssuedIsRefusedAndNothingChanges() throws Exception {
        List<String> registered = db.query("SELECT certificate_pem FROM insurer WHERE insurer_number = ?", INSURER);
        CertificateAuthority foreign = CertificateAuthority.create("CN=Hokensho Verification Center CA,O=Elsewhere,C=JP",
                Duration.ofDays(30), Clock.systemUTC());
        Path certificate = dir.resolve("foreign-insurer.crt.pem");
        Pem.write(certificate, foreign.issue(DemoPki.subjectOf(INSURER, "INSURER"), Duration.ofDays(30)).certificate());

        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new OrganisationCli(stack.center.database(), centerSettings(),
                        "operator", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        Clock.systemUTC()).change(INSURER, null, null,
                        new OrganisationCli.InsurerDetails(null, null, certificate, null)));

        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("not a CA of the center's truststore"),
                refused.getMessage());
        assertEquals(registered, db.query("SELECT certificate_pem FROM insurer WHERE insurer_number = ?", INSURER));
        assertEquals(ResultCode.VALID, verify());
    }

    private ResultCode verify() throws Exception {
        return clinic.verifyEligibility(VerificationEndToEndTest.query(INSURER, "東京", "001", SCREEN_DATE), null, null)
                .getResultCode();
    }

    /** Every node re-reads the certificates after the refresh time; a call or two may still use the old one. */
    private ResultCode verifyUntilValid(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        ResultCode answered = verify();
        while (answered != ResultCode.VALID && System.nanoTime() < deadline) {
            Thread.sleep(500);
            answered = verify();
        }
        return answered;
    }

    private IssuedKey issueRenewedInsurerKey() {
        CertificateAuthority ca = KeyStoreFiles.readCa(stack.demo.dir().resolve("ca.p12"), DemoPki.CA_ALIAS,
                stack.demo.secret("ca").toCharArray(), Clock.systemUTC());
        return ca.issue(DemoPki.subjectOf(INSURER, "INSURER"), Duration.ofDays(30));
    }

    /** The demo adapter's settings with the renewed key in a keystore of its own. */
    private Path adapterSettingsWith(IssuedKey renewed) throws IOException {
        Properties adapter = new Properties();
        try (Reader reader = Files.newBufferedReader(stack.demo.adapterProperties(), StandardCharsets.UTF_8)) {
            adapter.load(reader);
        }
        Path keystore = dir.resolve("renewed-insurer.p12");
        KeyStoreFiles.writeKey(keystore, adapter.getProperty("adapter.keystore.alias"), renewed,
                adapter.getProperty("adapter.keystore.password").toCharArray());
        adapter.setProperty("adapter.keystore.path", keystore.toString());
        Path file = dir.resolve("renewed-adapter.properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            adapter.store(writer, "the demo adapter with the insurer's renewed key");
        }
        return file;
    }

    private CenterSettings centerSettings() {
        return CenterSettings.load(stack.demo.centerProperties(), centerOverrides());
    }
}
