package jp.hokensho.routes.port;

import jp.hokensho.contract.types.EligibilityAnswer;

/** The answer given to a referenced request, kept for its window, with the query it answered. */
public record KeptAnswer(AskedQuery asked, EligibilityAnswer answer) {
}
