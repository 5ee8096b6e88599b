package jp.hokensho.routes.port;

/**
 * A verifyEligibility request that carries the caller's requestReference: references are scoped to the caller's
 * organisation (whoever of its people asks), compared exactly as sent.
 */
public record ReferencedRequest(String organisationCode, String reference, AskedQuery asked) {
}
