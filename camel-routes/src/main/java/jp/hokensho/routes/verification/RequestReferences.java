package jp.hokensho.routes.verification;

import java.util.Optional;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.routes.port.KeptAnswer;
import jp.hokensho.routes.port.KeptAnswers;
import jp.hokensho.routes.port.ReferencedRequest;

/**
 * verifyEligibility's optional requestReference and onBehalfOf: their rules (the schema's, checked again here for
 * callers that reach the route without it), and the earlier answer to a reference the organisation used before.
 */
final class RequestReferences {
    static final String REUSED = "REQUEST_REFERENCE_REUSED";
    private static final int MAX_REFERENCE = 128;
    private static final int MAX_OPERATOR = 100;

    private final KeptAnswers kept;

    RequestReferences(KeptAnswers kept) {
        this.kept = kept;
    }

    /** The reference exactly as sent (it is the caller's key, compared byte for byte), or null when none. */
    static String checkedReference(String sent) throws InvalidRequestFault {
        return checked(sent, "requestReference", MAX_REFERENCE);
    }

    /** The operator's name without surrounding white space, or null when none. */
    static String checkedOperator(String sent) throws InvalidRequestFault {
        String operator = checked(sent, "onBehalfOf", MAX_OPERATOR);
        return operator == null ? null : operator.strip();
    }

    /**
     * The answer given earlier to this organisation's reference, if it is still kept.
     *
     * @throws InvalidRequestFault {@value #REUSED} when the reference was used for another query
     */
    Optional<EligibilityAnswer> earlierAnswer(ReferencedRequest request) throws InvalidRequestFault {
        Optional<KeptAnswer> earlier = kept.find(request.organisationCode(), request.reference());
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        if (!earlier.get().asked().equals(request.asked())) {
            throw QueryNormaliser.invalid(REUSED, "requestReference", "this requestReference was used by your"
                    + " organisation for another query (card, target date or birth date); send a new reference");
        }
        return Optional.of(earlier.get().answer());
    }

    private static String checked(String sent, String field, int maxLength) throws InvalidRequestFault {
        if (sent == null) {
            return null;
        }
        if (sent.isBlank()) {
            throw QueryNormaliser.invalid("MISSING_FIELD", field, field + " is empty");
        }
        if (sent.codePointCount(0, sent.length()) > maxLength
                || sent.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            throw QueryNormaliser.invalid("INVALID_FIELD", field, field + " must be 1 to " + maxLength
                    + " characters without control characters");
        }
        return sent;
    }
}
