package jp.hokensho.center.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.audit.JdbcRefusalLog;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.cli.CenterCommand;
import jp.hokensho.center.monitoring.AvailabilityLedger;
import jp.hokensho.center.monitoring.AvailabilityLedger.Outcome;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.admin.BatchCount;
import jp.hokensho.contract.admin.InsurerAvailabilityRow;
import jp.hokensho.contract.admin.MonthlyOperationsReport;
import jp.hokensho.contract.admin.ReasonCount;
import jp.hokensho.contract.admin.VolumeCount;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Permission;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.verification.AnswerDigest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The monthly operations report of November 2026 on a known set of data, on both databases: verifications, refusals,
 * insurer availability and batches inside the month (Japanese days) are counted, those a microsecond (or an hour)
 * outside it are not, and availability counts a node never flushed (a crash) are not there.
 */
class MonthlyReportQueryTest {
    static final ZoneOffset JST = ZoneOffset.ofHours(9);
    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    static final OffsetDateTime FIRST_MOMENT = LocalDate.of(2026, 11, 1).atStartOfDay().atOffset(JST);
    static final OffsetDateTime LAST_MOMENT = LocalDate.of(2026, 11, 30).atTime(23, 59, 59, 999_999_000).atOffset(JST);
    private static final Caller CLINIC = new Caller("staff", "1311234567", "上野の森クリニック", "BUSINESS_MANAGER",
            Set.of(Permission.VERIFY_CARD));

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(TestDatabases.Vendor.H2);
        }
    }

    @Nested
    class OnMariaDb extends Contract {
        OnMariaDb() {
            super(TestDatabases.Vendor.MARIADB);
        }
    }

    abstract static class Contract extends DatabaseTestBase {
        private long numbers;

        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @BeforeAll
        void knownMonth() {
            JpaAuditTrail trail = new JpaAuditTrail(database, 0);
            // 3 VALID pre-stored, 2 VALID real-time, 2 EXPIRED pre-stored, 1 INSURER_UNAVAILABLE real-time,
            // 1 INSURER_NOT_FOUND without source; one record on each side of the month that must not count.
            trail.append(event(FIRST_MOMENT.minusNanos(1000), ResultCode.VALID, DataSource.PRE_STORED));
            trail.append(event(FIRST_MOMENT, ResultCode.VALID, DataSource.PRE_STORED));
            trail.append(event(FIRST_MOMENT.plusDays(3), ResultCode.VALID, DataSource.PRE_STORED));
            trail.append(event(LAST_MOMENT, ResultCode.VALID, DataSource.PRE_STORED));
            trail.append(event(FIRST_MOMENT.plusDays(5), ResultCode.VALID, DataSource.REAL_TIME));
            trail.append(event(FIRST_MOMENT.plusDays(6), ResultCode.VALID, DataSource.REAL_TIME));
            trail.append(event(FIRST_MOMENT.plusDays(7), ResultCode.EXPIRED, DataSource.PRE_STORED));
            trail.append(event(FIRST_MOMENT.plusDays(8), ResultCode.EXPIRED, DataSource.PRE_STORED));
            trail.append(event(FIRST_MOMENT.plusDays(9), ResultCode.INSURER_UNAVAILABLE, DataSource.REAL_TIME));
            trail.append(event(FIRST_MOMENT.plusDays(10), ResultCode.INSURER_NOT_FOUND, null));
            trail.append(event(LAST_MOMENT.plusNanos(1000), ResultCode.EXPIRED, DataSource.PRE_STORED));

            refusals(FIRST_MOMENT.minusNanos(1000), "MISSING_PERMISSION");
            refusals(FIRST_MOMENT.plusHours(1), "MISSING_PERMISSION", "MISSING_PERMISSION", "MISSING_PERMISSION",
                    "WRONG_PASSWORD");
            refusals(LAST_MOMENT, "REVOKED_CERTIFICATE");

            sql("INSERT INTO insurer (insurer_number, name, delivery_mode, updated_at) VALUES"
                    + " ('00000001', '東京保険', 'REAL_TIME', ?), ('00000002', '静かな保険', 'REAL_TIME', ?),"
                    + " ('33120015', '事前の保険', 'PRE_STORED', ?)", LocalDateTime.now(), LocalDateTime.now(),
                    LocalDateTime.now());
            MutableClock clock = new MutableClock();
            AvailabilityLedger ledger = new AvailabilityLedger(database.dataSource(), 1, clock);
            clock.now = FIRST_MOMENT.minusMinutes(30).toInstant(); // 31 October, 23:30 in Japan: not November
            count(ledger, "00000001", Outcome.FAILED, 7, 0);
            clock.now = FIRST_MOMENT.plusMinutes(10).toInstant();
            count(ledger, "00000001", Outcome.ANSWERED, 8, 100);
            count(ledger, "00000001", Outcome.ANSWERED, 2, 400);
            count(ledger, "00000001", Outcome.FAILED, 1, 0);
            ledger.flush();
            // A second flush in the same hour adds to the same row.
            count(ledger, "00000001", Outcome.ANSWERED, 5, 200);
            ledger.flush();
            clock.now = FIRST_MOMENT.plusDays(14).plusMinutes(5).toInstant();
            count(ledger, "00000001", Outcome.FAILED, 3, 0);
            count(ledger, "00000001", Outcome.BREAKER_OPENED, 1, 0);
            count(ledger, "00000001", Outcome.SHORT_CIRCUITED, 6, 0);
            clock.now = FIRST_MOMENT.plusDays(14).plusHours(1).toInstant();
            count(ledger, "00000001", Outcome.ANSWERED, 5, 100);
            ledger.flush();
            // Counted but never flushed: the node crashed. A second node's row adds up with the first's.
            count(ledger, "00000001", Outcome.FAILED, 50, 0);
            AvailabilityLedger secondNode = new AvailabilityLedger(database.dataSource(), 2, clock);
            count(secondNode, "00000001", Outcome.ANSWERED, 10, 50);
            secondNode.close();

            batch("20261101000000000001", FIRST_MOMENT.plusDays(2), "DONE", 100);
            batch("20261101000000000002", FIRST_MOMENT.plusDays(3), "DONE", 50);
            batch("20261101000000000003", FIRST_MOMENT.plusDays(4), "STOPPED_CREDENTIALS_INVALID", 10);
            batch("20261001000000000001", FIRST_MOMENT.minusDays(1), "EXPIRED", 999);
            for (OffsetDateTime at : List.of(FIRST_MOMENT.plusDays(1), FIRST_MOMENT.plusDays(2), LAST_MOMENT.plusHours(1))) {
                new AccessLog(database.dataSource(), Clock.fixed(at.toInstant(), JST)).record("staff", "1311234567",
                        "1", "urn:verifyEligibilityBatch", "OK", 20);
            }
        }

        @Test
        void volumesByResultAndSourceInTheOrderOfAppendix9() {
            MonthlyOperationsReport report = november();
            assertEquals(List.of("VALID/PRE_STORED=3", "VALID/REAL_TIME=2", "EXPIRED/PRE_STORED=2",
                    "INSURER_NOT_FOUND/null=1", "INSURER_UNAVAILABLE/REAL_TIME=1"), report.getVolume().stream()
                    .map(v -> v.getResult() + "/" + v.getSource() + "=" + v.getCount()).toList());
            assertEquals(9, report.getVerifications());
            assertEquals(LocalDate.of(2026, 11, 1), report.getFrom());
            assertEquals(LocalDate.of(2026, 11, 30), report.getTo());
        }

        @Test
        void refusalsByReasonMostFirst() {
            MonthlyOperationsReport report = november();
            assertEquals(Map.of("MISSING_PERMISSION", 3L, "WRONG_PASSWORD", 1L, "REVOKED_CERTIFICATE", 1L),
                    report.getRefusal().stream().collect(Collectors.toMap(ReasonCount::getReason,
                            ReasonCount::getCount)));
            assertEquals("MISSING_PERMISSION", report.getRefusal().get(0).getReason());
            assertEquals(5, report.getRefusals());
        }

        @Test
        void availabilityOfEachRealTimeInsurerFromTheFlushedHours() {
            Map<String, InsurerAvailabilityRow> insurers = november().getInsurer().stream()
                    .collect(Collectors.toMap(InsurerAvailabilityRow::getInsurerNumber, Function.identity()));
            assertEquals(Set.of("00000001", "00000002"), insurers.keySet(), "real-time insurers only");
            InsurerAvailabilityRow tokyo = insurers.get("00000001");
            // answered 8 + 2 + 5 + 5 (node 1) + 10 (node 2) = 30; failed 1 + 3 (not October's 7, not the unflushed 50)
            assertEquals(List.of(30L, 4L, 6L, 40L, 1L), List.of(tokyo.getAnswered(), tokyo.getFailed(),
                    tokyo.getShortCircuited(), tokyo.getCalls(), tokyo.getBreakerOpenings()));
            assertEquals(new BigDecimal("75.00"), tokyo.getAvailabilityPercent(), "30 of 40 calls answered");
            assertEquals(List.of(3L, 2L), List.of(tokyo.getHoursWithCalls(), tokyo.getHoursWithFailures()));
            assertEquals((8 * 100 + 2 * 400 + 5 * 200 + 5 * 100 + 10 * 50) / 30, tokyo.getAverageLatencyMs());
            assertEquals(400L, tokyo.getMaxLatencyMs());
            InsurerAvailabilityRow quiet = insurers.get("00000002");
            assertEquals(0, quiet.getCalls());
            assertNull(quiet.getAvailabilityPercent(), "no call, no availability figure (not 100 %, not 0 %)");
            assertEquals("静かな保険", quiet.getInsurerName());
        }

        @Test
        void batchesByStatusAndSynchronousBatchCalls() {
            Map<String, BatchCount> batches = november().getBatch().stream()
                    .collect(Collectors.toMap(BatchCount::getStatus, Function.identity()));
            assertEquals(Set.of("DONE", "STOPPED_CREDENTIALS_INVALID", "SYNCHRONOUS"), batches.keySet());
            assertEquals(List.of(2L, 150L), List.of(batches.get("DONE").getBatches(), batches.get("DONE").getItems()));
            assertEquals(10L, batches.get("STOPPED_CREDENTIALS_INVALID").getItems());
            assertEquals(2L, batches.get("SYNCHRONOUS").getBatches());
            assertNull(batches.get("SYNCHRONOUS").getItems());
        }

        @Test
        void csvHoldsTheFourSectionsWithABom() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MonthlyReportCsv.write(november(), out);
            String csv = out.toString(StandardCharsets.UTF_8);
            assertTrue(csv.startsWith("\uFEFF月次運用報告,2026-11,2026-11-01,2026-11-30\r\n"), csv);
            assertTrue(csv.contains("\r\nVALID,有効,PRE_STORED,3\r\n"), csv);
            assertTrue(csv.contains("\r\n合計,,,9\r\n"), csv);
            assertTrue(csv.contains("\r\nMISSING_PERMISSION,3\r\n"), csv);
            assertTrue(csv.contains("\r\n00000001,東京保険,40,30,4,6,1,3,2,75.00,"), csv);
            assertTrue(csv.contains("\r\n00000002,静かな保険,0,0,0,0,0,0,0,-,-,-\r\n"), csv);
            assertTrue(csv.contains("\r\nDONE,2,150\r\n"), csv);
        }

        @Test
        void commandLineWritesTheReportAndRefusesABadMonth(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
                throws Exception {
            java.nio.file.Path config = dir.resolve("center.properties");
            java.nio.file.Files.writeString(config, "center.db.url=" + testDatabase.settings().jdbcUrl()
                    + "\ncenter.db.user=" + testDatabase.settings().user() + "\ncenter.db.password="
                    + testDatabase.settings().password() + "\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = CenterCommand.execute(new String[] {"report", "monthly", "--config",
                config.toString(), "--month", "2026-11", "--operator", "reporter"}, new java.io.PrintStream(out, true,
                StandardCharsets.UTF_8), new java.io.PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            assertTrue(text.contains("00000001 | 東京保険 | 40 | 30 | 4 | 6 | 1 | 3 | 2 | 75.00"), text);
            assertEquals(1L, ((Number) queryValue("SELECT COUNT(*) FROM access_log WHERE user_id = 'reporter'"
                    + " AND operation = 'cli:report-monthly 2026-11 as text'")).longValue());
            java.nio.file.Path file = dir.resolve("november.csv");
            assertEquals(0, CenterCommand.execute(new String[] {"report", "monthly", "--config",
                config.toString(), "--month", "2026-11", "--format", "csv", "--out", file.toString()},
                new java.io.PrintStream(out), new java.io.PrintStream(err), Clock.systemUTC()));
            assertTrue(java.nio.file.Files.readString(file).startsWith("\uFEFF月次運用報告,2026-11"));
            if (vendor() == TestDatabases.Vendor.H2) {
                System.out.println("monthly report sample:\n" + text);
            }

            ByteArrayOutputStream refused = new ByteArrayOutputStream();
            assertEquals(2, CenterCommand.execute(new String[] {"report", "monthly", "--month", "2026-13"},
                    new java.io.PrintStream(out), new java.io.PrintStream(refused, true, StandardCharsets.UTF_8),
                    Clock.systemUTC()));
            assertTrue(refused.toString(StandardCharsets.UTF_8).contains("'2026-13' is not a month like 2026-11"),
                    refused.toString(StandardCharsets.UTF_8));
        }

        private MonthlyOperationsReport november() {
            return new MonthlyReportQuery(database.dataSource()).run(NOVEMBER);
        }

        private VerificationEvent event(OffsetDateTime at, ResultCode result, DataSource source) {
            EligibilityQuery query = new EligibilityQuery();
            query.setInsurerNumber("00000001");
            query.setSymbol("東京");
            query.setNumber(String.valueOf(numbers));
            EligibilityAnswer answer = new EligibilityAnswer();
            answer.setVerificationNumber(String.format("%020d", ++numbers));
            answer.setResultCode(result);
            answer.setSource(source);
            answer.setQuery(query);
            answer.setAnsweredAt(at);
            return new VerificationEvent(CLINIC, answer, "ab".repeat(32), AnswerDigest.CURRENT_VERSION);
        }

        private void refusals(OffsetDateTime at, String... reasons) {
            JdbcRefusalLog log = new JdbcRefusalLog(database.dataSource(), Clock.fixed(at.toInstant(), JST));
            for (String reason : reasons) {
                log.refused(reason, "someone", "1311234567", "urn:searchServiceLogs", null);
            }
        }

        private void batch(String number, OffsetDateTime submitted, String status, int items) {
            sql("INSERT INTO batch_job (reception_number, requester_org_code, requester_user_id, requester_role, status,"
                    + " total_items, done_items, submitted_at) VALUES (?, '1311234567', 'staff', 'BUSINESS_MANAGER', ?,"
                    + " ?, ?, ?)", number, status, items, items,
                    LocalDateTime.ofInstant(submitted.toInstant(), ZoneOffset.UTC));
        }

        private static void count(AvailabilityLedger ledger, String insurer, Outcome outcome, int times, long millis) {
            for (int i = 0; i < times; i++) {
                ledger.count(insurer, outcome, millis);
            }
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now = Instant.EPOCH;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
