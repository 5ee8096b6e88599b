package jp.hokensho.portal.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder exchange's parts that need no center: references, retries, the password file, request parsing. */
class ExchangePartsTest {
    @Test
    void aFileReferenceNamesTheContentSoTheSameFileIsTheSameRequestAndAChangedOneIsNot() {
        String first = FileReference.of("req-1.xml", "a".getBytes(StandardCharsets.UTF_8));
        assertEquals(first, FileReference.of("req-1.xml", "a".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(first, FileReference.of("req-1.xml", "b".getBytes(StandardCharsets.UTF_8)));
        String longName = FileReference.of("長".repeat(200) + ".xml", new byte[0]);
        assertTrue(longName.length() <= 128, "the contract allows 128 characters: " + longName.length());
    }

    @Test
    void retriesWaitLongerEachTimeUpToTheMaximumAndGiveUpAfterTheLimit() {
        SteppedClock clock = new SteppedClock(Instant.parse("2026-11-30T00:00:00Z"));
        RetrySchedule retries = new RetrySchedule(clock, Duration.ofSeconds(5), Duration.ofSeconds(12),
                Duration.ofSeconds(30));
        assertTrue(retries.due("a.xml"));
        assertFalse(retries.failed("a.xml"));
        assertFalse(retries.due("a.xml"));
        clock.advance(Duration.ofSeconds(5));
        assertTrue(retries.due("a.xml"));
        assertFalse(retries.failed("a.xml"));
        clock.advance(Duration.ofSeconds(9));
        assertFalse(retries.due("a.xml"), "the second wait is 10 s");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(retries.due("a.xml"));
        assertFalse(retries.failed("a.xml"));
        clock.advance(Duration.ofSeconds(12));
        assertTrue(retries.due("a.xml"), "the third wait is capped at 12 s, not 20");
        clock.advance(Duration.ofSeconds(3));
        assertTrue(retries.failed("a.xml"), "30 s after the first failure it is given up");
        retries.forget("a.xml");
        assertTrue(retries.due("a.xml"));
    }

    @Test
    void aPasswordFileOthersCanReadIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, "Secret-1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> IntegrationPassword.read(file));
        assertTrue(refused.getMessage().contains(file.toString()) && refused.getMessage().contains("chmod 600"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals("Secret-1", IntegrationPassword.read(file));
    }

    @Test
    void aRequestWithADoctypeIsRefusedBeforeAnyEntityIsRead() {
        String request = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
                + "<verifyEligibility xmlns=\"http://hokensho.jp/verification/eligibility/v1\">&e;</verifyEligibility>";
        RequestFileRefused refused = assertThrows(RequestFileRefused.class,
                () -> new XmlRequests().read(request.getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused.english().get(0).contains("DOCTYPE"), refused.getMessage());
    }

    @Test
    void aValidRequestIsReadWithItsOperator() {
        String request = "<verifyEligibility xmlns=\"http://hokensho.jp/verification/eligibility/v1\""
                + " xmlns:t=\"http://hokensho.jp/verification/types/v1\"><query><t:insurerNumber>33120015"
                + "</t:insurerNumber><t:symbol>大阪</t:symbol><t:number>100</t:number></query>"
                + "<onBehalfOf>受付 山田</onBehalfOf></verifyEligibility>";
        var read = new XmlRequests().read(request.getBytes(StandardCharsets.UTF_8));
        assertEquals("33120015", read.getQuery().getInsurerNumber());
        assertEquals("受付 山田", read.getOnBehalfOf());
    }

    /** A clock that moves only when told to. */
    private static final class SteppedClock extends java.time.Clock {
        private Instant now;

        SteppedClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
