package jp.hokensho.center.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.VerificationRecord;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Permission;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.port.VerificationListing;
import jp.hokensho.routes.port.VerificationSearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The 認証結果の閲覧 query on both databases: one organisation only, each filter, newest first, pages. */
class VerificationRecordSearchTest {
    private static final String CLINIC = TestEvents.CLINIC_USER.organisationCode();
    private static final Caller OTHER_CLINIC = new Caller("other-manager", "M0000002", "別の医院", "BUSINESS_MANAGER",
            Set.of(Permission.VERIFY_CARD, Permission.VIEW_VERIFICATION_RESULTS));
    /** 2005-07-08 10:00 in Japan; record n is asked n hours later. */
    private static final OffsetDateTime FIRST = OffsetDateTime.of(2005, 7, 8, 10, 0, 0, 0, ZoneOffset.ofHours(9));

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
        private JpaAuditTrail trail;

        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        /** Clinic: 1..6 (odd VALID, even EXPIRED; 5 and 6 about card 大阪/101); other clinic: 7. */
        @BeforeAll
        void records() {
            trail = new JpaAuditTrail(database, 0);
            for (int n = 1; n <= 7; n++) {
                VerificationEvent event = TestEvents.event(TestEvents.number(n),
                        n % 2 == 1 ? ResultCode.VALID : ResultCode.EXPIRED);
                event.answer().setAnsweredAt(FIRST.plusHours(n));
                if (n >= 5) {
                    event.answer().getQuery().setSymbol("大阪");
                    event.answer().getQuery().setNumber("101");
                }
                trail.append(n == 7 ? new VerificationEvent(OTHER_CLINIC, event.answer(), event.answerDigest(),
                        event.answerDigestVersion()) : event);
            }
        }

        @Test
        void onlyTheOrganisationsOwnRecordsNewestFirst() {
            VerificationListing all = trail.list(search(null, null, null, null, null, 0, 100));
            assertEquals(List.of(6L, 5L, 4L, 3L, 2L, 1L), numbers(all));
            assertEquals(6, all.total());
            assertTrue(all.records().stream().allMatch(r -> CLINIC.equals(r.getRequesterOrganisation())));
            assertEquals(List.of(7L), numbers(trail.list(new VerificationSearch(OTHER_CLINIC.organisationCode(),
                    null, null, null, null, null, null, 0, 100))));
        }

        @Test
        void periodOfTheRequestTimeIncludesItsStartExcludesItsEnd() {
            Instant from = FIRST.plusHours(2).toInstant();
            Instant before = FIRST.plusHours(4).toInstant();
            assertEquals(List.of(3L, 2L), numbers(trail.list(search(from, before, null, null, null, 0, 100))));
        }

        @Test
        void resultAndCardFilters() {
            assertEquals(List.of(5L, 3L, 1L), numbers(trail.list(search(null, null, ResultCode.VALID, null, null,
                    0, 100))));
            assertEquals(List.of(6L, 5L), numbers(trail.list(search(null, null, null, "大阪", "101", 0, 100))));
            assertEquals(List.of(6L), numbers(trail.list(search(null, null, ResultCode.EXPIRED, "大阪", "101", 0,
                    100))));
            assertEquals(List.of(), numbers(trail.list(new VerificationSearch(CLINIC, null, null, null, "99999999",
                    null, null, 0, 100))));
        }

        @Test
        void pagesCountEverythingThatMatches() {
            VerificationListing second = trail.list(search(null, null, null, null, null, 2, 2));
            assertEquals(List.of(4L, 3L), numbers(second));
            assertEquals(6, second.total());
            VerificationListing beyond = trail.list(search(null, null, null, null, null, 10, 2));
            assertEquals(List.of(), numbers(beyond));
            assertEquals(6, beyond.total());
        }

        private static VerificationSearch search(Instant from, Instant before, ResultCode result, String symbol,
                                                 String number, int offset, int limit) {
            return new VerificationSearch(CLINIC, from, before, result, symbol == null ? null : "00000001", symbol,
                    number, offset, limit);
        }

        private static List<Long> numbers(VerificationListing listing) {
            return listing.records().stream().map(VerificationRecord::getVerificationNumber).map(Long::valueOf)
                    .toList();
        }
    }
}
