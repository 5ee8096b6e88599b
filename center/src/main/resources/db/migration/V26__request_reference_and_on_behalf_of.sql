-- verifyEligibility's optional requestReference and onBehalfOf (issue 11).
-- Portable (H2 MODE=MariaDB and MariaDB 10.11), utf8mb4_bin, DATETIME(6) in UTC, as V4.

-- The operator a hospital system asked for (onBehalfOf, free text, at most 100 characters), recorded with the
-- verification; null when the caller named none. Covered by record_hash in the per-node chains (vr3, AuditRecordHash).
ALTER TABLE verification_record ADD COLUMN on_behalf_of VARCHAR(100);

-- The answer to a request that named a requestReference, kept center.request-reference.window-hours after it was
-- given: the same organisation sending the same reference again gets this answer and its verification number back,
-- and nothing is verified or recorded anew. Written in the audit record's transaction; the primary key lets only
-- one of two simultaneous requests with a new reference be recorded. reference_digest is the SHA-256 (hex) of the
-- reference's UTF-8 bytes (exact, unlike a PAD SPACE collation; the reference itself is not stored).
-- answer_sealed: the canonical answer, AES-GCM sealed under the center's data key (as batch_item.answer_sealed),
-- bound to the row. Expired rows are deleted by the retention purge.
CREATE TABLE request_answer (
    organisation_code   VARCHAR(40)  NOT NULL,
    reference_digest    CHAR(64)     NOT NULL,
    verification_number VARCHAR(20)  NOT NULL,
    answered_at         DATETIME(6)  NOT NULL,
    expires_at          DATETIME(6)  NOT NULL,
    answer_sealed       MEDIUMBLOB   NOT NULL,
    PRIMARY KEY (organisation_code, reference_digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_request_answer_expires ON request_answer (expires_at);
