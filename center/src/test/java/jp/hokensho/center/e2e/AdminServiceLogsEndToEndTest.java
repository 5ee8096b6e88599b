package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.imageio.ImageIO;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.report.TrialUsage;
import jp.hokensho.center.report.UsageCounts;
import jp.hokensho.center.report.UsagePeriod;
import jp.hokensho.contract.admin.AdminPortType;
import jp.hokensho.contract.admin.InsurerAvailabilityRow;
import jp.hokensho.contract.admin.InvalidRequestFault;
import jp.hokensho.contract.admin.MonthlyOperationsReport;
import jp.hokensho.contract.admin.NotFoundFault;
import jp.hokensho.contract.admin.ReasonCount;
import jp.hokensho.contract.admin.ReportPeriod;
import jp.hokensho.contract.admin.ResultCount;
import jp.hokensho.contract.admin.ServiceLogCriteria;
import jp.hokensho.contract.admin.ServiceLogEntry;
import jp.hokensho.contract.admin.ServiceLogExport;
import jp.hokensho.contract.admin.ServiceLogKind;
import jp.hokensho.contract.admin.ServiceLogPage;
import jp.hokensho.contract.admin.UsageReportAnswer;
import jp.hokensho.contract.admin.UsageReportRequest;
import jp.hokensho.contract.admin.UsageRow;
import jp.hokensho.contract.admin.VerificationTrace;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Permission;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Service logs and reports on the real center over WS-Security, with the center staff's key: searches by log,
 * organisation, user, period, result and reason; the trace of one 認証番号; the export, refused to the system
 * administrator and given to the operations manager; appendix 9's usage report on the trial's records (three clinics,
 * re-verifications, every result category); the monthly report with the real-time insurer's availability.
 */
class AdminServiceLogsEndToEndTest extends CenterStackTestBase {
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final int EXPORT_MAX_ROWS = 500;
    private static final Caller AUTUMN_CLINIC = new Caller("autumn-staff", "M0000009", "秋のクリニック",
            "BUSINESS_MANAGER", Set.of(Permission.VERIFY_CARD));
    private static final LocalDate SEP_30 = LocalDate.of(2005, 9, 30);

    private TrialUsage trial;
    private AdminPortType administrator;
    private AdminPortType operations;
    private AdminPortType media;
    private EligibilityPortType clinic;
    private EligibilityAnswer realTime;
    private EligibilityAnswer preStored;

    @Override
    Map<String, String> centerOverrides() {
        return Map.of("center.admin.logs.export-max-rows", String.valueOf(EXPORT_MAX_ROWS),
                "center.monitoring.availability.flush-seconds", "1",
                "center.insurer.breaker.window", "4", "center.insurer.breaker.minimum-calls", "3",
                "center.insurer.breaker.open-seconds", "30", "center.insurer.breaker.half-open-calls", "1");
    }

    @BeforeAll
    void recordsAndClients() throws Exception {
        JpaAuditTrail trail = new JpaAuditTrail(stack.center.database(), 0);
        // 認証番号 far above those the running center issues.
        trial = TrialUsage.append(trail, 9_000_000_000_000_000_000L);
        long n = 9_100_000_000_000_000_000L;
        // The two categories the trial does not have, around the end of September 2005 (as the report test).
        trail.append(TrialUsage.event(AUTUMN_CLINIC, SEP_30.atTime(LocalTime.MAX).atOffset(TrialUsage.JST),
                "01130012", "A", "1", "00", ResultCode.VALID, n++));
        trail.append(TrialUsage.event(AUTUMN_CLINIC, SEP_30.plusDays(1).atStartOfDay().atOffset(TrialUsage.JST),
                "01130012", "A", "1", "01", ResultCode.VALID, n++));
        trail.append(TrialUsage.event(AUTUMN_CLINIC, SEP_30.plusDays(1).atTime(10, 0).atOffset(TrialUsage.JST),
                "01130012", "A", "1", "02", ResultCode.NOT_YET_VALID, n++));
        trail.append(TrialUsage.event(AUTUMN_CLINIC, SEP_30.plusDays(1).atTime(11, 0).atOffset(TrialUsage.JST),
                "01130012", "B", "1", "00", ResultCode.INSURER_UNAVAILABLE, n++));
        trail.append(TrialUsage.event(AUTUMN_CLINIC, SEP_30.plusDays(1).atTime(12, 0).atOffset(TrialUsage.JST),
                "01130012", "B", "1", "00", ResultCode.INSURER_UNAVAILABLE, n));

        Properties console = stack.consoleClient();
        administrator = admin(console, DemoSeed.CENTER_ADMINISTRATOR);
        operations = admin(console, DemoSeed.CENTER_OPERATIONS_MANAGER);
        media = admin(console, DemoSeed.CENTER_MEDIA_MANAGER);
        clinic = ClinicClient.connect(stack.client());
        realTime = clinic.verifyEligibility(VerificationEndToEndTest.query("00000001", "東京", "001",
                LocalDate.of(2005, 7, 8)), null, null);
        preStored = clinic.verifyEligibility(VerificationEndToEndTest.query("33120015", "大阪", "100",
                LocalDate.of(2025, 6, 1)), null, null);
        assertEquals(ResultCode.VALID, realTime.getResultCode());
        assertEquals(ResultCode.VALID, preStored.getResultCode());
    }

    private AdminPortType admin(Properties console, String user) throws Exception {
        return AdminClient.connect(console, user, stack.demo.secret("user." + user));
    }

    @Test
    void verificationRecordsByOrganisationPeriodAndResultNewestFirstWithCardsByHmac() throws Exception {
        UsagePeriod first = TrialUsage.sessions().get(0);
        ServiceLogCriteria criteria = criteria(ServiceLogKind.VERIFICATION);
        criteria.setOrganisationCode("M0000001");
        criteria.setFrom(first.from());
        criteria.setTo(first.to());
        ServiceLogPage page = media.searchServiceLogs(criteria, 0, 200);
        assertEquals(23, page.getTotal(), "遠藤クリニック's 23 accesses of 第1回, not the records just outside it");
        assertEquals(23, page.getEntry().size());
        for (int i = 1; i < page.getEntry().size(); i++) {
            assertFalse(page.getEntry().get(i).getAt().isAfter(page.getEntry().get(i - 1).getAt()), "newest first");
        }
        ServiceLogEntry entry = page.getEntry().get(0);
        assertEquals("M0000001", entry.getOrganisationCode());
        assertEquals("staff-M0000001", entry.getUserId());
        assertTrue(entry.getCard().matches("card#[0-9a-f]{32}"), entry.getCard());
        assertTrue(page.getEntry().stream().noneMatch(e -> String.valueOf(e.getDetail()).contains("千葉")
                || e.getCard().contains("千葉")), "no raw card key");

        criteria.setResult("EXPIRED");
        UsageCounts expected = trial.expected.get("M0000001").get(first.name());
        assertEquals(expected.count(ResultCode.EXPIRED), administrator.searchServiceLogs(criteria, null, null)
                .getTotal());

        ServiceLogCriteria byUser = criteria(ServiceLogKind.VERIFICATION);
        byUser.setUserId("staff-M0000002");
        ServiceLogPage third = operations.searchServiceLogs(byUser, 40, 20);
        assertEquals(db.count("SELECT COUNT(*) FROM verification_record WHERE requester_user_id = 'staff-M0000002'"),
                third.getTotal());
        assertEquals(20, third.getEntry().size(), "a page from the offset");
    }

    @Test
    void accessAndUnauthorisedAccessLogsByUserOutcomeAndReason() throws Exception {
        ServiceLogCriteria access = criteria(ServiceLogKind.ACCESS);
        access.setOrganisationCode(DemoSeed.CLINIC);
        access.setResult("OK");
        ServiceLogPage page = media.searchServiceLogs(access, 0, 200);
        assertEquals(db.count("SELECT COUNT(*) FROM access_log WHERE organisation_code = ? AND outcome = 'OK'",
                DemoSeed.CLINIC), page.getTotal());
        assertTrue(page.getEntry().stream().anyMatch(e -> "urn:verifyEligibility".equals(e.getOperation())),
                "the clinic's verifications");

        long before = db.lastRefusalId();
        ServiceLogCriteria refusals = criteria(ServiceLogKind.REFUSAL);
        refusals.setUserId(DemoSeed.CLINIC_MANAGER);
        refusals.setReason("MISSING_PERMISSION");
        long refusedBefore = administrator.searchServiceLogs(refusals, 0, 1).getTotal();
        AdminPortType clinicManager = AdminClient.connect(stack.client(), DemoSeed.CLINIC_MANAGER,
                stack.demo.secret("user." + DemoSeed.CLINIC_MANAGER));
        SecurityFaults.assertGenericFault(() -> clinicManager.searchServiceLogs(refusals, 0, 1));
        assertEquals(List.of("MISSING_PERMISSION"), db.refusalReasonsAfter(before), "a clinic may not search logs");
        ServiceLogPage refused = administrator.searchServiceLogs(refusals, 0, 1);
        assertEquals(refusedBefore + 1, refused.getTotal());
        ServiceLogEntry newest = refused.getEntry().get(0);
        assertEquals(List.of("MISSING_PERMISSION", DemoSeed.CLINIC, "searchServiceLogs"), List.of(newest.getOutcome(),
                newest.getOrganisationCode(), String.valueOf(newest.getOperation())));
    }

    @Test
    void badCriteriaAreNamedInATypedFault() {
        ServiceLogCriteria reasonOnRecords = criteria(ServiceLogKind.VERIFICATION);
        reasonOnRecords.setReason("MISSING_PERMISSION");
        assertFault("INVALID_FIELD", "reason", () -> media.searchServiceLogs(reasonOnRecords, 0, 10));
        ServiceLogCriteria backwards = criteria(ServiceLogKind.ACCESS);
        backwards.setFrom(LocalDate.of(2026, 11, 2));
        backwards.setTo(LocalDate.of(2026, 11, 1));
        assertFault("INVALID_PERIOD", "to", () -> media.searchServiceLogs(backwards, 0, 10));
        assertFault("PAGE_TOO_LARGE", "limit", () -> media.searchServiceLogs(criteria(ServiceLogKind.ACCESS), 0, 201));
        ServiceLogCriteria unknownResult = criteria(ServiceLogKind.VERIFICATION);
        unknownResult.setResult("MAYBE");
        assertFault("INVALID_FIELD", "result", () -> media.searchServiceLogs(unknownResult, 0, 10));
    }

    @Test
    void traceShowsTheRecordItsRequestsAccessAndItsAuditCheck() throws Exception {
        VerificationTrace trace = media.traceVerification(realTime.getVerificationNumber());
        assertEquals(realTime.getVerificationNumber(), trace.getRecord().getVerificationNumber());
        assertEquals(DemoSeed.CLINIC, trace.getRecord().getRequesterOrganisation());
        assertEquals(ResultCode.VALID, trace.getRecord().getResultCode());
        assertTrue(trace.isHashMatches());
        assertTrue(trace.isChainLinkMatches());
        assertEquals(Integer.valueOf(0), trace.getChain(), "appended by node 0, to its chain");
        assertEquals(db.count("SELECT position FROM verification_record WHERE chain_id = 0 AND verification_number = ?",
                realTime.getVerificationNumber()), trace.getPosition());
        assertEquals(1, trace.getAccess().size(), "exactly the request that made it: " + trace.getAccess().size());
        ServiceLogEntry access = trace.getAccess().get(0);
        assertEquals(List.of("urn:verifyEligibility", "OK", trace.getRecord().getRequesterUserId()),
                List.of(access.getOperation(), access.getOutcome(), access.getUserId()));
        List<ServiceLogEntry> otherRequest = operations.traceVerification(preStored.getVerificationNumber()).getAccess();
        assertEquals(1, otherRequest.size(), "the other verification has its own request");
        assertFalse(access.getAt().equals(otherRequest.get(0).getAt()), "two requests, two entries");

        NotFoundFault unknown = assertThrows(NotFoundFault.class, () -> media.traceVerification("99999999999999999999"));
        assertEquals("VERIFICATION_NOT_FOUND", unknown.getFaultInfo().getCode());

        // A record changed in the database after the fact no longer matches its hash.
        String tampered = db.query("SELECT verification_number FROM verification_record WHERE requester_org_code ="
                + " 'M0000003' AND result_code = 'EXPIRED' ORDER BY position").get(0);
        try (var connection = stack.center.database().dataSource().getConnection();
             var update = connection.prepareStatement("UPDATE verification_record SET result_code = 'VALID'"
                     + " WHERE verification_number = ?")) {
            update.setString(1, tampered);
            update.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        VerificationTrace changed = media.traceVerification(tampered);
        assertFalse(changed.isHashMatches(), "a changed result shows");
        assertTrue(changed.isChainLinkMatches(), "the link to the record before is untouched");
        try (var connection = stack.center.database().dataSource().getConnection();
             var update = connection.prepareStatement("UPDATE verification_record SET result_code = 'EXPIRED'"
                     + " WHERE verification_number = ?")) {
            update.setString(1, tampered);
            update.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        assertTrue(media.traceVerification(tampered).isHashMatches(), "restored");
    }

    @Test
    void exportIsRefusedToTheSystemAdministratorAndGivenToTheOperationsManager() throws Exception {
        ServiceLogCriteria criteria = criteria(ServiceLogKind.VERIFICATION);
        criteria.setOrganisationCode("M0000002");
        long before = db.lastRefusalId();
        SecurityFaults.assertGenericFault(() -> administrator.exportServiceLogs(criteria));
        SecurityFaults.assertGenericFault(() -> media.exportServiceLogs(criteria));
        assertEquals(List.of("MISSING_PERMISSION", "MISSING_PERMISSION"), db.refusalReasonsAfter(before));

        ServiceLogExport export = operations.exportServiceLogs(criteria);
        String csv = new String(export.getCsv(), StandardCharsets.UTF_8);
        assertEquals('\uFEFF', csv.charAt(0), "UTF-8 with a BOM for Excel");
        assertTrue(csv.contains("\r\n"), "CRLF line ends");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.substring(1))).getRecords();
        long total = db.count("SELECT COUNT(*) FROM verification_record WHERE requester_org_code = 'M0000002'");
        assertEquals(total, rows.size());
        assertEquals(total, export.getRows());
        assertEquals("M0000002", rows.get(0).get("組織コード"));
        assertTrue(rows.stream().allMatch(row -> row.get("被保険者証(HMAC)").startsWith("card#")));
        assertFalse(csv.contains("千葉"), "no raw card symbol in the export");
        assertTrue(export.getFileName().matches("verification-log-\\d{8}-\\d{6}\\.csv"), export.getFileName());

        assertFault("EXPORT_TOO_LARGE", "criteria", () -> operations.exportServiceLogs(
                criteria(ServiceLogKind.VERIFICATION)));
    }

    @Test
    void usageReportOverTheTrialsSessionsHasTheFiguresOfAppendix9() throws Exception {
        UsageReportRequest request = new UsageReportRequest();
        for (UsagePeriod session : TrialUsage.sessions()) {
            ReportPeriod period = new ReportPeriod();
            period.setName(session.name());
            period.setFrom(session.from());
            period.setTo(session.to());
            request.getSession().add(period);
        }
        request.setIncludeCsv(true);
        request.setIncludeChart(true);
        UsageReportAnswer report = media.getUsageReport(request);

        UsageRow overall = report.getRow().get(report.getRow().size() - 1);
        assertEquals(List.of("3医療機関合計", 625L, 426L, 122L, 63L, 14L), List.of(overall.getInstitutionName(),
                overall.getAccesses(), count(overall, ResultCode.VALID), count(overall, ResultCode.EXPIRED),
                count(overall, ResultCode.SYMBOL_NUMBER_NOT_FOUND), count(overall, ResultCode.INSURER_NOT_FOUND)));
        assertEquals(List.of(244L, 177L, 204L), report.getRow().stream().filter(row -> row.getInstitutionCode() != null
                && row.getPeriod().equals("合計")).map(UsageRow::getAccesses).toList());
        for (UsageRow row : report.getRow()) {
            if (row.getInstitutionCode() == null || row.getPeriod().equals("合計")) {
                continue;
            }
            UsageCounts want = trial.expected.get(row.getInstitutionCode()).get(row.getPeriod());
            for (ResultCount count : row.getResultCount()) {
                String where = row.getInstitutionName() + " " + row.getPeriod() + " " + count.getResult();
                assertEquals(want.count(count.getResult()), count.getCount(), where);
                assertEquals(want.reverificationCount(count.getResult()), count.getReverifications(), where);
            }
        }
        List<String> csvLines = new String(report.getCsv(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("", "3医療機関合計", "合計", "2005-07-04", "2005-08-19", "625", "426", "122", "63", "14"),
                CSVFormat.DEFAULT.parse(new StringReader(csvLines.get(csvLines.size() - 1))).getRecords().get(0)
                        .toList().subList(0, 10));
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(report.getChartPng()));
        assertNotNull(chart, "a PNG");
        assertEquals(List.of(1000, 600), List.of(chart.getWidth(), chart.getHeight()));

        UsageReportRequest days = new UsageReportRequest();
        days.setFrom(SEP_30);
        days.setTo(SEP_30.plusDays(1));
        days.setBy("day");
        UsageReportAnswer autumn = administrator.getUsageReport(days);
        UsageRow october = autumn.getRow().stream().filter(row -> "2005-10-01".equals(row.getPeriod())).findFirst()
                .orElseThrow();
        assertEquals(List.of(4L, 1L, 1L, 2L, 2L), List.of(october.getAccesses(), count(october, ResultCode.VALID),
                count(october, ResultCode.NOT_YET_VALID), count(october, ResultCode.INSURER_UNAVAILABLE),
                october.getReverifications()), "every category, and re-verifications");
        assertEquals(null, autumn.getCsv(), "no CSV unless asked");

        UsageReportRequest backwards = new UsageReportRequest();
        backwards.setFrom(SEP_30);
        backwards.setTo(SEP_30.minusDays(1));
        assertFault("INVALID_PERIOD", "to", () -> media.getUsageReport(backwards));
        UsageReportRequest tooLong = new UsageReportRequest();
        tooLong.setFrom(LocalDate.of(2005, 1, 1));
        tooLong.setTo(LocalDate.of(2007, 1, 1));
        assertFault("PERIOD_TOO_LONG", "to", () -> media.getUsageReport(tooLong));
    }

    @Test
    void monthlyReportCountsThisMonthsVerificationsRefusalsAndTheInsurersAvailability() throws Exception {
        YearMonth month = YearMonth.now(JAPAN);
        try {
            stack.stopInsurer();
            for (int i = 0; i < 6; i++) {
                assertEquals(ResultCode.INSURER_UNAVAILABLE, clinic.verifyEligibility(VerificationEndToEndTest.query(
                        "00000001", "東京", "001", LocalDate.of(2005, 7, 8)), null, null).getResultCode());
            }
        } finally {
            stack.restartInsurer();
        }
        String start = month.atDay(1).atStartOfDay(JAPAN).toInstant().toString().replace("T", " ").replace("Z", "");
        String end = month.plusMonths(1).atDay(1).atStartOfDay(JAPAN).toInstant().toString().replace("T", " ")
                .replace("Z", "");
        String realTimeRecords = "SELECT COUNT(*) FROM verification_record WHERE insurer_number = '00000001'"
                + " AND requested_at >= ? AND requested_at < ?";
        long calls = db.count(realTimeRecords, start, end);
        long unavailable = db.count(realTimeRecords + " AND result_code = 'INSURER_UNAVAILABLE'", start, end);
        MonthlyOperationsReport report = null;
        InsurerAvailabilityRow insurer = null;
        // The center adds its counts to the table every second here (flush-seconds=1).
        for (int attempt = 0; attempt < 50 && (insurer == null || insurer.getCalls() < calls); attempt++) {
            Thread.sleep(200);
            report = operations.getMonthlyOperationsReport(month.toString(), true);
            insurer = report.getInsurer().stream().filter(row -> row.getInsurerNumber().equals("00000001"))
                    .findFirst().orElseThrow();
        }
        assertEquals(calls, insurer.getCalls(), "one call outcome per real-time verification");
        assertEquals(calls - unavailable, insurer.getAnswered());
        assertEquals(unavailable, insurer.getFailed() + insurer.getShortCircuited());
        assertTrue(insurer.getShortCircuited() >= 1, "the breaker opened and answered at once: " + insurer.getFailed());
        assertEquals(1, insurer.getBreakerOpenings());
        assertEquals(BigDecimal.valueOf(insurer.getAnswered() * 100).divide(BigDecimal.valueOf(calls), 2,
                RoundingMode.DOWN), insurer.getAvailabilityPercent());

        assertEquals(db.count("SELECT COUNT(*) FROM verification_record WHERE requested_at >= ? AND requested_at < ?",
                start, end), report.getVerifications());
        for (ReasonCount reason : report.getRefusal()) {
            assertEquals(db.count("SELECT COUNT(*) FROM refusal_log WHERE reason_code = ? AND occurred_at >= ?"
                    + " AND occurred_at < ?", reason.getReason(), start, end), reason.getCount(), reason.getReason());
        }
        String csv = new String(report.getCsv(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFF月次運用報告," + month), csv);
        assertFault("INVALID_FIELD", "month", () -> media.getMonthlyOperationsReport("2026-13", false));
    }

    private static long count(UsageRow row, ResultCode result) {
        return row.getResultCount().stream().filter(count -> count.getResult() == result).findFirst().orElseThrow()
                .getCount();
    }

    private static ServiceLogCriteria criteria(ServiceLogKind log) {
        ServiceLogCriteria criteria = new ServiceLogCriteria();
        criteria.setLog(log);
        return criteria;
    }

    private static void assertFault(String code, String field, org.junit.jupiter.api.function.Executable call) {
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, call);
        assertEquals(List.of(code, field), List.of(fault.getFaultInfo().getCode(), fault.getFaultInfo().getField()),
                fault.getFaultInfo().getMessage());
    }
}
