package jp.hokensho.center.report;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Permission;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.verification.AnswerDigest;

/**
 * The trial of appendix 9 as verification records: three clinics, their accesses per session (第1回…第7回) and
 * their totals per result as the source gives them (e.g. 244 accesses: 180 有効, 36 有効期限切れ, 22 記号番号なし,
 * 6 保険者番号なし), spread over the sessions in a fixed pseudo-random order. Within a session every fourth
 * record asks again for the card of the record before it (another branch number): a re-verification. Each
 * session's first record is at 00:00:00 and its last at 23:59:59.999999 Japanese time; around every session
 * lies a record just outside it, which no session may count. The same cards come back in every session and
 * at every clinic, where they are first verifications again. Public: the AdminService's end-to-end test reports on
 * the same records.
 */
public final class TrialUsage {
    public static final ZoneOffset JST = ZoneOffset.ofHours(9);
    public static final LocalDate FIRST_MONDAY = LocalDate.of(2005, 7, 4);
    public static final List<Clinic> CLINICS = List.of(
            new Clinic("M0000001", "遠藤クリニック", List.of(23, 21, 32, 28, 92, 26, 22), 180, 36, 22, 6),
            new Clinic("M0000002", "若林皮膚科医院", List.of(15, 28, 34, 23, 29, 48), 109, 41, 25, 2),
            new Clinic("M0000003", "大久保クリニック", List.of(31, 25, 35, 83, 30), 137, 45, 16, 6));

    /** A clinic of the trial: accesses per session, and its totals per result category over all sessions. */
    public record Clinic(String code, String name, List<Integer> perSession, int valid, int expired, int symbolNumberNotFound,
                  int insurerNotFound) {
        public Caller caller() {
            return new Caller("staff-" + code, code, name, "BUSINESS_MANAGER", Set.of(Permission.VERIFY_CARD));
        }
    }

    /** What the records hold, counted while they are made: per clinic code, per session name. */
    public final Map<String, Map<String, UsageCounts>> expected = new LinkedHashMap<>();
    private final AtomicLong numbers;

    private TrialUsage(long numbersAfter) {
        this.numbers = new AtomicLong(numbersAfter);
    }

    public static List<UsagePeriod> sessions() {
        List<UsagePeriod> sessions = new ArrayList<>();
        for (int n = 1; n <= 7; n++) {
            LocalDate monday = FIRST_MONDAY.plusWeeks(n - 1);
            sessions.add(new UsagePeriod("第" + n + "回", monday, monday.plusDays(4)));
        }
        return sessions;
    }

    public static TrialUsage append(JpaAuditTrail trail) {
        return append(trail, 0);
    }

    /** @param numbersAfter the records' 認証番号 follow this one (apart from those a running center issues) */
    public static TrialUsage append(JpaAuditTrail trail, long numbersAfter) {
        TrialUsage trial = new TrialUsage(numbersAfter);
        List<UsagePeriod> sessions = sessions();
        for (Clinic clinic : CLINICS) {
            List<ResultCode> results = shuffledResults(clinic);
            int next = 0;
            Map<String, UsageCounts> perSession = trial.expected.computeIfAbsent(clinic.code(),
                    code -> new LinkedHashMap<>());
            for (int s = 0; s < clinic.perSession().size(); s++) {
                UsagePeriod session = sessions.get(s);
                int accesses = clinic.perSession().get(s);
                UsageCounts counts = perSession.computeIfAbsent(session.name(), name -> new UsageCounts());
                trail.append(trial.event(clinic, session.from().atStartOfDay().minusNanos(1000).atOffset(JST),
                        999, "01", ResultCode.VALID));
                for (int j = 0; j < accesses; j++) {
                    boolean again = j % 4 == 3;
                    int card = again ? j - 1 : j;
                    ResultCode result = results.get(next++);
                    trail.append(trial.event(clinic, time(session, j, accesses), card, again ? "02" : "01", result));
                    counts.add(result, again);
                }
                trail.append(trial.event(clinic, session.to().plusDays(1).atStartOfDay().atOffset(JST), 999, "01",
                        ResultCode.EXPIRED));
            }
        }
        return trial;
    }

    private static OffsetDateTime time(UsagePeriod session, int j, int accesses) {
        if (j == 0) {
            return session.from().atStartOfDay().atOffset(JST);
        }
        if (j == accesses - 1) {
            return session.to().atTime(LocalTime.MAX).atOffset(JST);
        }
        return session.from().plusDays(j % 4).atTime(9, 0).plusMinutes(j).atOffset(JST);
    }

    private static List<ResultCode> shuffledResults(Clinic clinic) {
        Map<ResultCode, Integer> totals = new EnumMap<>(Map.of(ResultCode.VALID, clinic.valid(), ResultCode.EXPIRED,
                clinic.expired(), ResultCode.SYMBOL_NUMBER_NOT_FOUND, clinic.symbolNumberNotFound(),
                ResultCode.INSURER_NOT_FOUND, clinic.insurerNotFound()));
        List<ResultCode> results = new ArrayList<>();
        totals.forEach((result, count) -> results.addAll(Collections.nCopies(count, result)));
        Collections.shuffle(results, new Random(clinic.code().hashCode()));
        if (results.size() != clinic.perSession().stream().mapToInt(Integer::intValue).sum()) {
            throw new IllegalStateException(clinic.name() + ": sessions and result totals disagree");
        }
        return results;
    }

    VerificationEvent event(Clinic clinic, OffsetDateTime at, int card, String branch, ResultCode result) {
        return event(clinic.caller(), at, "06130012", "千葉", String.valueOf(card), branch, result,
                numbers.incrementAndGet());
    }

    public static VerificationEvent event(Caller caller, OffsetDateTime at, String insurer, String symbol, String number,
                                   String branch, ResultCode result, long verificationNumber) {
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber(insurer);
        query.setSymbol(symbol);
        query.setNumber(number);
        query.setBranchNumber(branch);
        query.setTargetDate(at.toLocalDate());
        query.setBirthDate(LocalDate.of(1955, 5, 5));
        EligibilityAnswer answer = new EligibilityAnswer();
        answer.setVerificationNumber(String.format("%020d", verificationNumber));
        answer.setResultCode(result);
        answer.setQuery(query);
        answer.setAnsweredAt(at);
        answer.setSource(DataSource.PRE_STORED);
        return new VerificationEvent(caller, answer, "ab".repeat(32), AnswerDigest.CURRENT_VERSION);
    }
}
