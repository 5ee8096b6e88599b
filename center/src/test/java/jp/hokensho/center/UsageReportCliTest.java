package jp.hokensho.center;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Permission;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.verification.AnswerDigest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code center report usage} from a configuration file: CSV, PNG, the access log, and refused command lines. */
class UsageReportCliTest {
    @TempDir
    Path dir;
    private Path config;
    private CenterSettings settings;

    @BeforeEach
    void centerWithTwoVerifications() throws Exception {
        config = dir.resolve("center.properties");
        Files.writeString(config, "center.data-dir=" + dir.resolve("data").toString().replace('\\', '/') + "\n");
        settings = CenterSettings.load(config, Map.of());
        try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
            new OrganisationRepository(database).create("M0000001", "遠藤クリニック", OrganisationKind.MEDICAL_INSTITUTION);
            Caller caller = new Caller("endo-staff", "M0000001", "遠藤クリニック", "BUSINESS_MANAGER",
                    Set.of(Permission.VERIFY_CARD));
            JpaAuditTrail trail = new JpaAuditTrail(database, 0);
            trail.append(event(caller, 1, ResultCode.VALID, "2005-07-04T09:00:00+09:00"));
            trail.append(event(caller, 2, ResultCode.EXPIRED, "2005-07-04T10:00:00+09:00"));
        }
    }

    @Test
    void writesCsvWithBomAndAccessLogEntry() throws Exception {
        Path csv = dir.resolve("usage.csv");
        assertEquals(0, report("--from", "2005-07-01", "--to",
                "2005-07-31", "--by", "month", "--out", csv.toString(), "--operator", "ops-suzuki"));
        byte[] bytes = Files.readAllBytes(csv);
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(bytes, 3));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("\nM0000001,遠藤クリニック,2005-07,2005-07-01,2005-07-31,2,1,1,0,0,0,0,0,"), text);
        try (Database database = Database.open(CenterApplication.databaseSettings(settings));
             var connection = database.dataSource().getConnection();
             var rows = connection.createStatement().executeQuery(
                     "SELECT user_id, operation FROM access_log WHERE operation LIKE 'cli:report-usage%'")) {
            assertTrue(rows.next(), "the report is in the access log");
            assertEquals("ops-suzuki", rows.getString(1));
            assertEquals("cli:report-usage 2005-07-01..2005-07-31 by month as csv", rows.getString(2));
        }
    }

    @Test
    void drawsPngOfTheExpectedSize() throws Exception {
        Path sessions = dir.resolve("sessions.csv");
        Files.writeString(sessions, "\uFEFF第1回,2005-07-04,2005-07-08\n第2回,2005-07-11,2005-07-15\n");
        Path png = dir.resolve("usage.png");
        assertEquals(0, report("--sessions", sessions.toString(),
                "--format", "png", "--out", png.toString()));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG ImageIO can read");
        assertEquals(1000, image.getWidth());
        assertEquals(600, image.getHeight());
    }

    @Test
    void refusesBadCommandLinesWithoutWritingAnything() throws Exception {
        Path out = dir.resolve("never.csv");
        assertEquals(2, report("--from", "2005-07-31", "--to",
                "2005-07-01", "--out", out.toString()), "to before from");
        assertEquals(2, report("--from", "7/1", "--to", "2005-07-01",
                "--out", out.toString()), "not a date");
        assertEquals(2, report("--from", "2005-07-01", "--to",
                "2005-07-02", "--format", "svg", "--out", out.toString()), "unknown format");
        assertEquals(2, report("--from", "2005-07-01", "--to",
                "2005-07-02", "--format", "png"), "png needs a file");
        assertFalse(Files.exists(out));
    }

    /** {@code center report usage --config FILE ...} through the command line. */
    private int report(String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "report";
        args[1] = "usage";
        args[2] = "--config";
        args[3] = config.toString();
        System.arraycopy(options, 0, args, 4, options.length);
        return CenterMain.run(args, System.out);
    }

    private static VerificationEvent event(Caller caller, long number, ResultCode result, String at) {
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber("06130012");
        query.setSymbol("千葉");
        query.setNumber(String.valueOf(number));
        EligibilityAnswer answer = new EligibilityAnswer();
        answer.setVerificationNumber(String.format("%020d", number));
        answer.setResultCode(result);
        answer.setQuery(query);
        answer.setAnsweredAt(OffsetDateTime.parse(at).withOffsetSameInstant(ZoneOffset.UTC));
        answer.setSource(DataSource.PRE_STORED);
        return new VerificationEvent(caller, answer, "ab".repeat(32), AnswerDigest.CURRENT_VERSION);
    }
}
