package jp.hokensho.center.audit;

/**
 * Makes caller-supplied text safe to log and to store: a user ID from a refused request is attacker
 * input, so line breaks (forged log lines) are escaped and lengths cut to the column size.
 */
final class LogText {
    private LogText() {
    }

    static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), 300));
        text.codePoints().limit(300).forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (Character.isISOControl(c)) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** At most {@code max} characters, never cutting a surrogate pair (𠮷 is two chars). */
    static String fit(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
