package jp.hokensho.center.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * A signed anchor of an audit chain: the head of {@code chain} at {@code position} and the hashes of the records of
 * its segment ({@code fromPosition}, {@code position}], signed with the center's key. The signature covers the
 * segment by its digest, so the one-line log form (without the hashes) can be checked on its own. Checkpoints of a
 * node's chain sign its chain id too (format v2); those of the legacy chain keep the format they were made with
 * (v1, no chain id), so the checkpoints signed before per-node chains still verify.
 */
record AuditCheckpoint(int chain, long position, long fromPosition, String headHash, String segmentDigest,
                       List<String> recordHashes, LocalDateTime signedAt, String signerSerial, String signature) {
    private static final String LEGACY_FORMAT = "hokensho-audit-checkpoint-v1";
    private static final String FORMAT = "hokensho-audit-checkpoint-v2";
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    /** What is signed: every field but the signature, the hashes by their digest. */
    static String signedText(int chain, long position, long fromPosition, String headHash, String segmentDigest,
                             LocalDateTime signedAt, String signerSerial) {
        String rest = position + "|" + fromPosition + "|" + headHash + "|" + segmentDigest + "|"
                + MICROS.format(signedAt) + "|" + signerSerial;
        return AuditChains.coversChainId(chain) ? FORMAT + "|" + chain + "|" + rest : LEGACY_FORMAT + "|" + rest;
    }

    String signedText() {
        return signedText(chain, position, fromPosition, headHash, segmentDigest, signedAt, signerSerial);
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
        return "audit-checkpoint " + (AuditChains.coversChainId(chain) ? "chain=" + chain + " " : "")
                + "position=" + position + " from=" + fromPosition + " head=" + headHash
                + " segment=" + segmentDigest + " signedAt=" + MICROS.format(signedAt) + " signer=" + signerSerial
                + " signature=" + signature;
    }

    static LocalDateTime parseTime(String text) {
        return LocalDateTime.parse(text, MICROS);
    }
}
