package jp.hokensho.center.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the checkpoint lines back from a log file (whatever the log pattern put before them), for audit-verify to
 * check the chains against checkpoints kept apart from the database. A line that cannot be read is an error, not
 * skipped: a forged or damaged checkpoint log must not pass for an empty one. A line without a chain is of the
 * legacy chain, as every line was before per-node chains.
 */
final class AuditCheckpointLog {
    private static final Pattern MARK = Pattern.compile("audit-checkpoint (chain=\\S* )?position=");

    private AuditCheckpointLog() {
    }

    static List<AuditCheckpoint> read(Path file) {
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line : (Iterable<String>) lines::iterator) {
                number++;
                Matcher mark = MARK.matcher(line);
                if (mark.find()) {
                    checkpoints.add(parse(line.substring(mark.start()), file, number));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint log " + file, e);
        }
        return checkpoints;
    }

    private static AuditCheckpoint parse(String text, Path file, int lineNumber) {
        Map<String, String> fields = new HashMap<>();
        for (String token : text.substring("audit-checkpoint ".length()).trim().split(" ")) {
            int equals = token.indexOf('=');
            if (equals > 0) {
                fields.put(token.substring(0, equals), token.substring(equals + 1));
            }
        }
        try {
            int chain = fields.containsKey("chain") ? Integer.parseInt(fields.get("chain")) : AuditChains.LEGACY;
            return new AuditCheckpoint(chain, Long.parseLong(fields.get("position")), Long.parseLong(fields.get("from")),
                    require(fields, "head"), require(fields, "segment"), List.of(),
                    AuditCheckpoint.parseTime(require(fields, "signedAt")), require(fields, "signer"),
                    require(fields, "signature"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("line " + lineNumber + " of the checkpoint log " + file
                    + " is not a complete checkpoint: " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("no " + name);
        }
        return value;
    }
}
