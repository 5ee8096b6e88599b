package jp.hokensho.routes.port;

import jp.hokensho.contract.types.EligibilityAnswer;

/**
 * What is recorded for one verification: who asked and what was answered (the answer holds the
 * normalised query, the number, the time, the result, the source and the insurer's record time).
 *
 * @param answerDigest        SHA-256 (lower-case hex) of the canonical answer document
 * @param answerDigestVersion the method of {@code answerDigest} (see {@code AnswerDigest}'s versions)
 * @param reference           the caller's requestReference, or null: then the answer is kept with the record, in
 *                            its transaction, for {@link KeptAnswers}
 * @param onBehalfOf          the operator the caller named (verifyEligibility's onBehalfOf), or null
 * @param canonicalAnswer     the bytes {@code answerDigest} was taken over, when the verification kept them (a batch
 *                            item stores them as its answer, so they are not serialised a second time); else null
 */
public record VerificationEvent(Caller caller, EligibilityAnswer answer, String answerDigest,
                                int answerDigestVersion, ReferencedRequest reference, String onBehalfOf,
                                byte[] canonicalAnswer) {

    /** A verification without a reference or an operator (bulk items, older callers). */
    public VerificationEvent(Caller caller, EligibilityAnswer answer, String answerDigest, int answerDigestVersion) {
        this(caller, answer, answerDigest, answerDigestVersion, null, null, null);
    }

    /** A verification without a reference or an operator that kept its answer's canonical form. */
    public VerificationEvent(Caller caller, EligibilityAnswer answer, String answerDigest, int answerDigestVersion,
                             byte[] canonicalAnswer) {
        this(caller, answer, answerDigest, answerDigestVersion, null, null, canonicalAnswer);
    }

    /** A verification whose canonical form was not kept. */
    public VerificationEvent(Caller caller, EligibilityAnswer answer, String answerDigest, int answerDigestVersion,
                             ReferencedRequest reference, String onBehalfOf) {
        this(caller, answer, answerDigest, answerDigestVersion, reference, onBehalfOf, null);
    }
}
