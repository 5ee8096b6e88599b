package jp.hokensho.portal.exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The requestReference of a request file: its name and the SHA-256 of its content. The same file sent again
 * (after a crash of the terminal before it was answered) gets the center's original answer; a file of the same
 * name with other content is another request.
 */
final class FileReference {
    /** The contract allows 128 characters: "file:" + 64 hex digits + ":" leave 58 for the name. */
    private static final int NAME_CHARACTERS = 58;

    private FileReference() {
    }

    static String of(String fileName, byte[] content) {
        String name = fileName.codePointCount(0, fileName.length()) > NAME_CHARACTERS
                ? fileName.substring(0, fileName.offsetByCodePoints(0, NAME_CHARACTERS)) : fileName;
        return "file:" + sha256(content) + ":" + name.replaceAll("\\p{Cntrl}", "_");
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
