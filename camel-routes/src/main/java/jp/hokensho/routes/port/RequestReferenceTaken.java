package jp.hokensho.routes.port;

/**
 * {@link AuditTrail#append} refused a referenced verification because another request of the same organisation
 * with the same reference was recorded first (two at once): nothing of this one was recorded, and the other's
 * answer is to be read from {@link KeptAnswers}.
 */
public final class RequestReferenceTaken extends RuntimeException {
    public RequestReferenceTaken(ReferencedRequest request) {
        super("requestReference already recorded for organisation " + request.organisationCode());
    }
}
