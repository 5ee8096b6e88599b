package jp.hokensho.routes.port;

/**
 * Who submitted an asynchronous batch, as kept with the job: the person, their organisation and the serial of
 * the key that signed submitBatch. Before each item runs, these are checked again ({@link SubmitterCheck}).
 */
public record Submitter(String userId, String organisationCode, String keySerial) {
}
