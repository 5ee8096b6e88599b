package jp.hokensho.center.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Permission;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The appendix 9 report on a known set of verifications, on both databases. */
class UsageReportQueryTest {
    /** A clinic outside the trial, verifying around the end of September 2005 (Japanese time). */
    private static final Caller AUTUMN_CLINIC = new Caller("autumn-staff", "M0000009", "秋のクリニック",
            "BUSINESS_MANAGER", Set.of(Permission.VERIFY_CARD));
    private static final LocalDate SEP_30 = LocalDate.of(2005, 9, 30);

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
        private TrialUsage trial;

        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @BeforeAll
        void records() {
            OrganisationRepository organisations = new OrganisationRepository(database);
            TrialUsage.CLINICS.forEach(clinic -> organisations.create(clinic.code(), clinic.name(),
                    OrganisationKind.MEDICAL_INSTITUTION));
            JpaAuditTrail trail = new JpaAuditTrail(database, 0);
            trial = TrialUsage.append(trail);
            long n = 10_000;
            // Card A on 30 September at the last microsecond, then on 1 October from midnight: a first
            // verification on each day; card B twice on 1 October. No organisation row: the code is the name.
            trail.append(TrialUsage.event(AUTUMN_CLINIC, SEP_30.atTime(LocalTime.MAX).atOffset(TrialUsage.JST),
                    "01130012", "A", "1", "00", ResultCode.VALID, n++));
            trail.append(TrialUsage.event(AUTUMN_CLINIC, SEP_30.plusDays(1).atStartOfDay().atOffset(TrialUsage.JST),
                    "01130012", "A", "1", "01", ResultCode.VALID, n++));
            trail.append(TrialUsage.event(AUTUMN_CLINIC, SEP_30.plusDays(1).atTime(10, 0).atOffset(TrialUsage.JST),
                    "01130012", "A", "1", "02", ResultCode.NOT_YET_VALID, n++));
            trail.append(TrialUsage.event(AUTUMN_CLINIC, SEP_30.plusDays(1).atTime(11, 0).atOffset(TrialUsage.JST),
                    "01130012", "B", "1", "00", ResultCode.INSURER_UNAVAILABLE, n++));
            trail.append(TrialUsage.event(AUTUMN_CLINIC, SEP_30.plusDays(1).atTime(12, 0).atOffset(TrialUsage.JST),
                    "01130012", "B", "1", "00", ResultCode.INSURER_UNAVAILABLE, n++));
        }

        private UsageReport trialReport() {
            return new UsageReportQuery(database.dataSource()).run(TrialUsage.sessions());
        }

        @Test
        void totalsAreThoseOfAppendix9() {
            UsageReport report = trialReport();
            UsageCounts overall = report.overall();
            assertEquals(List.of(625L, 426L, 122L, 63L, 14L), List.of(overall.accesses(),
                    overall.count(ResultCode.VALID), overall.count(ResultCode.EXPIRED),
                    overall.count(ResultCode.SYMBOL_NUMBER_NOT_FOUND), overall.count(ResultCode.INSURER_NOT_FOUND)));
            assertEquals(List.of("遠藤クリニック", "若林皮膚科医院", "大久保クリニック"),
                    report.institutions().stream().map(InstitutionUsage::name).toList());
            for (int i = 0; i < 3; i++) {
                TrialUsage.Clinic clinic = TrialUsage.CLINICS.get(i);
                UsageCounts total = report.institutions().get(i).total();
                assertEquals(List.of((long) clinic.perSession().stream().mapToInt(Integer::intValue).sum(),
                        (long) clinic.valid(), (long) clinic.expired(), (long) clinic.symbolNumberNotFound(),
                        (long) clinic.insurerNotFound()), List.of(total.accesses(), total.count(ResultCode.VALID),
                        total.count(ResultCode.EXPIRED), total.count(ResultCode.SYMBOL_NUMBER_NOT_FOUND),
                        total.count(ResultCode.INSURER_NOT_FOUND)), clinic.name());
                assertEquals(clinic.perSession().stream().map(Integer::longValue).toList(), report.institutions()
                        .get(i).periods().values().stream().map(UsageCounts::accesses).toList(),
                        clinic.name() + ": accesses per session (第1回…), records just outside each left out");
            }
            assertEquals(List.of(244L, 177L, 204L),
                    report.institutions().stream().map(usage -> usage.total().accesses()).toList());
        }

        @Test
        void eachSessionCountsResultsAndReverificationsAsTheRecordsWereMade() {
            UsageReport report = trialReport();
            for (InstitutionUsage institution : report.institutions()) {
                Map<String, UsageCounts> expected = trial.expected.get(institution.code());
                assertEquals(expected.keySet().stream().toList(),
                        institution.periods().keySet().stream().map(UsagePeriod::name).toList());
                institution.periods().forEach((session, counts) -> {
                    UsageCounts want = expected.get(session.name());
                    for (ResultCode result : ResultCode.values()) {
                        String where = institution.name() + " " + session.name() + " " + result;
                        assertEquals(want.count(result), counts.count(result), where);
                        assertEquals(want.reverificationCount(result), counts.reverificationCount(result),
                                where + " (re-verifications)");
                    }
                });
                // Every fourth record of a session is a re-verification, and nothing else is.
                long reverifications = institution.periods().values().stream()
                        .mapToLong(UsageCounts::reverifications).sum();
                assertEquals(institution.periods().values().stream().mapToLong(c -> c.accesses() / 4).sum(),
                        reverifications, institution.name());
            }
        }

        @Test
        void daysAreJapaneseCalendarDaysAndEveryCategoryIsCounted() {
            UsageReport report = new UsageReportQuery(database.dataSource())
                    .run(UsagePeriods.byDay(SEP_30, SEP_30.plusDays(1)));
            assertEquals(1, report.institutions().size(), "only the autumn clinic verified on those days");
            InstitutionUsage autumn = report.institutions().get(0);
            assertEquals("M0000009", autumn.name(), "without an organisation row the code stands for the name");
            UsageCounts sep30 = autumn.periods().get(new UsagePeriod("2005-09-30", SEP_30, SEP_30));
            UsageCounts oct1 = autumn.periods().get(new UsagePeriod("2005-10-01", SEP_30.plusDays(1),
                    SEP_30.plusDays(1)));
            assertEquals(List.of(1L, 1L, 0L), List.of(sep30.accesses(), sep30.count(ResultCode.VALID),
                    sep30.reverifications()));
            assertEquals(List.of(4L, 1L, 1L, 2L), List.of(oct1.accesses(), oct1.count(ResultCode.VALID),
                    oct1.count(ResultCode.NOT_YET_VALID), oct1.count(ResultCode.INSURER_UNAVAILABLE)));
            assertEquals(List.of(2L, 1L, 1L, 0L), List.of(oct1.reverifications(),
                    oct1.reverificationCount(ResultCode.NOT_YET_VALID),
                    oct1.reverificationCount(ResultCode.INSURER_UNAVAILABLE),
                    oct1.reverificationCount(ResultCode.VALID)), "card A again (other branch), card B again");
        }

        @Test
        void monthsSplitAtJapaneseMidnight() {
            UsageReport report = new UsageReportQuery(database.dataSource())
                    .run(UsagePeriods.byMonth(LocalDate.of(2005, 9, 1), LocalDate.of(2005, 10, 31)));
            InstitutionUsage autumn = report.institutions().get(0);
            assertEquals(List.of("2005-09", "2005-10"),
                    autumn.periods().keySet().stream().map(UsagePeriod::name).toList());
            assertEquals(List.of(1L, 4L), autumn.periods().values().stream().map(UsageCounts::accesses).toList());
            assertEquals(5L, report.overall().accesses());
            assertEquals(2L, report.overall().reverifications());
        }

        @Test
        void csvHasABomAJapaneseHeaderAndTheTotalsOfAppendix9() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            UsageCsv.write(trialReport(), out);
            String csv = out.toString(StandardCharsets.UTF_8);
            assertEquals('\uFEFF', csv.charAt(0), "byte order mark for Excel");
            List<String> lines = csv.lines().toList();
            assertEquals("\uFEFF医療機関コード,医療機関名,期間,開始日,終了日,アクセス件数,有効,有効期限切れ,記号番号なし,"
                    + "保険者番号なし,有効期間前,保険者接続不可,再認証件数,再認証内有効,再認証内有効期限切れ,"
                    + "再認証内記号番号なし,再認証内保険者番号なし,再認証内有効期間前,再認証内保険者接続不可", lines.get(0));
            assertEquals(1 + 18 + 3 + 1, lines.size(), "18 sessions held, 3 clinic totals, the overall total");
            String last = lines.get(lines.size() - 1);
            assertFalse(last.isEmpty());
            assertEquals(List.of("", "3医療機関合計", "合計", "2005-07-04", "2005-08-19", "625", "426", "122", "63", "14",
                    "0", "0"), CSVFormat.DEFAULT.parse(new StringReader(last)).getRecords().get(0).toList()
                    .subList(0, 12));
        }
    }
}
