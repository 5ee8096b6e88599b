package jp.hokensho.center.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * A signed anchor of the audit chain: the head at {@code position} and the hashes of the records of its segment
 * ({@code fromPosition}, {@code position}], signed with the center's key. The signature covers the segment by its
 * digest, so the one-line log form (without the hashes) can be checked on its own.
 */
record AuditCheckpoint(long position, long fromPosition, String headHash, String segmentDigest,
                       List<String> recordHashes, LocalDateTime signedAt, String signerSerial, String signature) {
    private static final String FORMAT = "hokensho-audit-checkpoint-v1";
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    /** What is signed: every field but the signature, the hashes by their digest. */
    static String signedText(long position, long fromPosition, String headHash, String segmentDigest,
                             LocalDateTime signedAt, String signerSerial) {
        return FORMAT + "|" + position + "|" + fromPosition + "|" + headHash + "|" + segmentDigest + "|"
                + MICROS.format(signedAt) + "|" + signerSerial;
    }

    String signedText() {
        return signedText(position, fromPosition, headHash, segmentDigest, signedAt, signerSerial);
    }

    /** SHA-256 over the segment's record hashes, each followed by a newline. */
    static String segmentDigestOf(List<String> hashes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String hash : hashes) {
                digest.update((hash + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The stored form of the hashes: concatenated, 64 hex characters each. */
    static String joined(List<String> hashes) {
        return String.join("", hashes);
    }

    /** Back into hashes; a stored text that was cut or padded leaves a short last piece, which no hash matches. */
    static List<String> split(String joined) {
        return java.util.stream.IntStream.range(0, (joined.length() + 63) / 64)
                .mapToObj(i -> joined.substring(i * 64, Math.min(joined.length(), i * 64 + 64))).toList();
    }

    /** The line written to the checkpoint log; {@link AuditCheckpointLog} reads it back. */
    String logLine() {
        return "audit-checkpoint position=" + position + " from=" + fromPosition + " head=" + headHash
                + " segment=" + segmentDigest + " signedAt=" + MICROS.format(signedAt) + " signer=" + signerSerial
                + " signature=" + signature;
    }

    static LocalDateTime parseTime(String text) {
        return LocalDateTime.parse(text, MICROS);
    }
}
