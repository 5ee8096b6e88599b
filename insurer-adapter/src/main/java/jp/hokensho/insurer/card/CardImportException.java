package jp.hokensho.insurer.card;

import java.util.List;

/**
 * A card import that changed nothing, with every problem found, each naming its line.
 */
public final class CardImportException extends Exception {
    private final List<String> errors;

    public CardImportException(String source, List<String> errors) {
        super(source + ": import refused, nothing changed:\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    public CardImportException(String source, String error, Throwable cause) {
        super(source + ": import refused, nothing changed: " + error, cause);
        this.errors = List.of(error);
    }

    /** Each entry starts with "line N:" where a line is concerned. */
    public List<String> errors() {
        return errors;
    }
}
