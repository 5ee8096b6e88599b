package jp.hokensho.routes.port;

import java.time.Instant;
import jp.hokensho.contract.types.ResultCode;

/**
 * A checked search of one organisation's own verification records (認証結果の閲覧). Null filters match
 * everything; the period is of the request time, {@code requestedFrom} included, {@code requestedBefore} not.
 * Records come newest first, {@code limit} of them after skipping {@code offset}.
 */
public record VerificationSearch(String organisationCode, Instant requestedFrom, Instant requestedBefore,
                                 ResultCode resultCode, String insurerNumber, String symbol, String number,
                                 int offset, int limit) {
}
