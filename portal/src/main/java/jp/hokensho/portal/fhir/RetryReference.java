package jp.hokensho.portal.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.Identifier;

/**
 * What a CoverageEligibilityRequest tells the center besides the card: its first business identifier becomes the
 * call's {@code requestReference}, so a hospital system that sends the same request again (a retry after a timeout)
 * gets the original answer and 認証番号 instead of a second verification; {@code enterer.display} names the operator
 * at the desk ({@code onBehalfOf}). Both are optional.
 */
final class RetryReference {
    /** The contract's limits: requestReference 1–128 characters, onBehalfOf 1–100, no control characters. */
    private static final int REFERENCE_MAX = 128;
    private static final int OPERATOR_MAX = 100;

    private RetryReference() {
    }

    /** {@code fhir:SYSTEM|VALUE}, or its SHA-256 when longer than the contract allows; null without an identifier. */
    static String of(CoverageEligibilityRequest request) {
        if (!request.hasIdentifier()) {
            return null;
        }
        Identifier identifier = request.getIdentifierFirstRep();
        String value = clean(identifier.getValue());
        if (value == null) {
            return null;
        }
        String system = identifier.hasSystem() ? clean(identifier.getSystem()) : null;
        String reference = "fhir:" + (system == null ? "" : system) + "|" + value;
        return reference.length() <= REFERENCE_MAX ? reference : "fhir:sha256:" + sha256(reference);
    }

    static String operator(CoverageEligibilityRequest request) {
        if (!request.hasEnterer() || !request.getEnterer().hasDisplay()) {
            return null;
        }
        String name = clean(request.getEnterer().getDisplay());
        return name == null || name.length() <= OPERATOR_MAX ? name : name.substring(0, OPERATOR_MAX);
    }

    private static String clean(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = text.replaceAll("\\p{Cntrl}", " ").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
