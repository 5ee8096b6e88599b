package jp.hokensho.portal.web;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** How the portal's forms read what people type: trimmed, full-width digits accepted, ISO dates. */
public final class FormValues {
    private FormValues() {
    }

    /** The value without surrounding white space; a missing field is empty. */
    public static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }

    /** Full-width digits and letters as their half-width forms (NFKC), as Japanese keyboards often type them. */
    public static String halfWidth(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFKC);
    }

    /** The ISO date typed (full-width digits allowed), or null when the text is empty or no date. */
    public static LocalDate date(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(halfWidth(value));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
