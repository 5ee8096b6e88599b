package jp.hokensho.routes.port;

import jp.hokensho.contract.types.VerificationRecord;

/** A stored verification and the organisation that asked, for access decisions. */
public record RecordedVerification(VerificationRecord record, String requesterOrganisationCode,
                                   String insurerNumber) {
}
