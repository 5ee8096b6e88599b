package jp.hokensho.routes.port;

import java.util.List;
import jp.hokensho.contract.types.VerificationRecord;

/** One page of a {@link VerificationSearch}: its records and how many match in all. */
public record VerificationListing(List<VerificationRecord> records, long total) {
}
