package jp.hokensho.center.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.HexFormat;

/**
 * The hash of one audit record: SHA-256 over a canonical string of exactly the stored column values and
 * the previous record's hash. Each value is written length-prefixed ({@code 5:value;}, null as
 * {@code ~;}) so no two different records share a canonical string. Changing this breaks old chains:
 * a new format needs a new version tag. The version follows from what is stored, never from a column of its own:
 * in the legacy chain (records made before per-node chains), {@code vr1} hashes the records whose answer digest is
 * of version 1 (made before digest versions existed), {@code vr2} the others, and covers the digest version too,
 * so that a record's digest method cannot be switched without breaking its hash. Every record of a node's chain is
 * hashed with {@code vr3}: {@code vr2} with the chain id first, so that a record cannot be moved to another chain,
 * nor into the legacy chain (which would need {@code vr2}), without breaking its hash, and with the operator the
 * request was made for ({@code onBehalfOf}, recorded since the same release) before the previous hash. Legacy
 * records never carry an operator.
 */
final class AuditRecordHash {
    private static final String BEFORE_DIGEST_VERSIONS = "vr1";
    private static final String WITH_DIGEST_VERSION = "vr2";
    private static final String WITH_CHAIN = "vr3";
    // Always six fraction digits: the stored precision of DATETIME(6), whatever the value.
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private AuditRecordHash() {
    }

    static String of(VerificationRecordEntity r) {
        boolean perNode = AuditChains.coversChainId(r.chain);
        boolean versioned = perNode || r.answerDigestVersion != 1;
        StringBuilder s = new StringBuilder(perNode ? WITH_CHAIN : versioned ? WITH_DIGEST_VERSION
                : BEFORE_DIGEST_VERSIONS).append('|');
        if (perNode) {
            field(s, Integer.toString(r.chain));
        }
        field(s, Long.toString(r.position));
        field(s, r.verificationNumber);
        field(s, time(r.requestedAt));
        field(s, r.requesterUserId);
        field(s, r.requesterOrganisationCode);
        field(s, r.insurerNumber);
        field(s, r.symbol);
        field(s, r.number);
        field(s, r.branchNumber);
        field(s, date(r.targetDate));
        field(s, date(r.birthDate));
        field(s, r.resultCode == null ? null : r.resultCode.name());
        field(s, r.source == null ? null : r.source.name());
        field(s, date(r.validFrom));
        field(s, date(r.validTo));
        field(s, time(r.insurerUpdatedAt));
        field(s, time(r.centerReceivedAt));
        field(s, r.answerDigest);
        if (versioned) {
            field(s, Integer.toString(r.answerDigestVersion));
        }
        if (perNode) {
            field(s, r.onBehalfOf);
        }
        field(s, r.prevHash);
        return sha256(s.toString());
    }

    private static void field(StringBuilder s, String value) {
        if (value == null) {
            s.append("~;");
        } else {
            s.append(value.length()).append(':').append(value).append(';');
        }
    }

    private static String time(TemporalAccessor utc) {
        return utc == null ? null : MICROS.format(utc);
    }

    private static String date(java.time.LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String sha256(String canonical) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
