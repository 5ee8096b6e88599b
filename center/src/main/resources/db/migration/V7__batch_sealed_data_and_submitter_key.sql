-- Asynchronous batches: card data sealed at rest, and the submitter's key kept with the job.
-- Portable (H2 MODE=MariaDB and MariaDB 10.11), as V4.

-- The serial of the key that signed submitBatch: before each item runs, that key must still be registered, not
-- revoked and not expired (and the person not locked), or the job stops as STOPPED_CREDENTIALS_INVALID, which the
-- wider status column holds. Jobs received before this version have none and stop the same way.
ALTER TABLE batch_job ADD COLUMN requester_key_serial VARCHAR(60);
ALTER TABLE batch_job MODIFY status VARCHAR(30) NOT NULL;

-- An item's input (reference, insurer number, symbol, number, branch, dates) and its answer, each AES-GCM
-- sealed under the center's data key (kept in a keystore, not here) with the key's id inside the value and the
-- item's reception number and position as associated data. The V4 plain columns stay empty for new items; items
-- stored before this version are sealed, and their plain columns emptied, when a center starts.
ALTER TABLE batch_item ADD COLUMN item_sealed MEDIUMBLOB;
ALTER TABLE batch_item ADD COLUMN answer_sealed MEDIUMBLOB;
