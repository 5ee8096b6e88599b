package jp.hokensho.center.batch.broker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one broker message names: the items {@code from … to-1} of one job. The message carries no card data (the
 * items rest sealed in the database) and no state: the database decides what is left to do.
 */
record WorkRange(String receptionNumber, int from, int to) {

    WorkRange {
        if (receptionNumber == null || !receptionNumber.matches("\\d{1,40}") || from < 0 || to <= from) {
            throw new IllegalArgumentException("not a batch work range: " + receptionNumber + " " + from + " " + to);
        }
    }

    /** The job's {@code total} items cut into ranges of at most {@code perMessage}. */
    static List<WorkRange> of(String receptionNumber, int total, int perMessage) {
        List<WorkRange> ranges = new ArrayList<>();
        for (int from = 0; from < total; from += perMessage) {
            ranges.add(new WorkRange(receptionNumber, from, Math.min(total, from + perMessage)));
        }
        return ranges;
    }

    byte[] toBytes() {
        return (receptionNumber + " " + from + " " + to).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads a message's body; a body that is not a range is refused with an IllegalArgumentException. */
    static WorkRange parse(byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII);
        String[] parts = text.strip().split(" ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a batch work range: '" + abbreviated(text) + "'");
        }
        try {
            return new WorkRange(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a batch work range: '" + abbreviated(text) + "'", e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    @Override
    public String toString() {
        return "batch " + receptionNumber + " items " + from + "-" + (to - 1);
    }
}
