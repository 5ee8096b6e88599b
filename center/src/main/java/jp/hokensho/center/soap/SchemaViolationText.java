package jp.hokensho.center.soap;

import java.util.Map;

/**
 * Says which schema rule a value broke without repeating the value. The XML validator's own messages quote the
 * rejected value ("Value '東京…' with length = '41' is not facet-valid…"), and these messages end up in faults
 * and in the unauthorised-access log, so only the rule's code and a fixed description are kept. Messages about
 * the structure (a missing or unexpected element) name elements only and are kept whole.
 */
final class SchemaViolationText {
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("cvc-pattern-valid", "the value does not have the form the contract requires"),
            Map.entry("cvc-maxLength-valid", "the value is longer than the contract allows"),
            Map.entry("cvc-minLength-valid", "the value is shorter than the contract allows"),
            Map.entry("cvc-length-valid", "the value does not have the length the contract requires"),
            Map.entry("cvc-enumeration-valid", "the value is not one of those the contract allows"),
            Map.entry("cvc-minInclusive-valid", "the value is below the range the contract allows"),
            Map.entry("cvc-minExclusive-valid", "the value is below the range the contract allows"),
            Map.entry("cvc-maxInclusive-valid", "the value is above the range the contract allows"),
            Map.entry("cvc-maxExclusive-valid", "the value is above the range the contract allows"),
            Map.entry("cvc-totalDigits-valid", "the value has more digits than the contract allows"),
            Map.entry("cvc-fractionDigits-valid", "the value has more decimals than the contract allows"),
            Map.entry("cvc-datatype-valid", "the value is not of the contract's type (e.g. not a calendar date)"));
    private static final String NOT_REPEATED = "; the value is not repeated";

    private SchemaViolationText() {
    }

    static String withoutValue(String validatorMessage) {
        String message = validatorMessage == null ? "" : validatorMessage;
        int colon = message.indexOf(':');
        String rule = message.startsWith("cvc-") && colon > 0 ? message.substring(0, colon) : "schema";
        if (rule.startsWith("cvc-complex-type.2.4") || rule.equals("cvc-elt.1.a")) {
            // "Invalid content was found starting with element 'x'. One of '{y}' is expected.": names only.
            return message;
        }
        String description = DESCRIPTIONS.get(rule.startsWith("cvc-datatype-valid") ? "cvc-datatype-valid" : rule);
        return rule + ": " + (description == null ? "the value breaks the contract" : description) + NOT_REPEATED;
    }
}
