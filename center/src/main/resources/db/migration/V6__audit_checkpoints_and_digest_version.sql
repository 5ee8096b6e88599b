-- Signed checkpoints of the audit chain, and the method of each record's answer digest.
-- Portable (H2 MODE=MariaDB and MariaDB 10.11), utf8mb4_bin, DATETIME(6) in UTC, as V1.

-- A checkpoint anchors the chain outside the database: the center's key signs the chain head at `position`
-- together with the digest of the record hashes of its segment (from_position, position]. record_hashes keeps
-- those hashes (64 hex characters each, in position order) so that a rewritten and re-hashed chain is caught
-- at the first record that differs. Segments follow each other: from_position is the previous checkpoint's
-- position (0 for the first), and its uniqueness lets several nodes race to write the next checkpoint while
-- only one of them succeeds.
CREATE TABLE audit_checkpoint (
    position           BIGINT       NOT NULL PRIMARY KEY,
    from_position      BIGINT       NOT NULL,
    head_hash          VARCHAR(64)  NOT NULL,
    segment_digest     VARCHAR(64)  NOT NULL,
    record_hashes      MEDIUMTEXT   NOT NULL,
    signed_at          DATETIME(6)  NOT NULL,
    signer_serial      VARCHAR(64)  NOT NULL,
    signature          VARCHAR(1400) NOT NULL,
    CONSTRAINT uk_audit_checkpoint_from UNIQUE (from_position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- How answer_digest was computed: 1 = SHA-256 of JAXB's serialisation (records before this migration),
-- 2 = SHA-256 of the answer's exclusive XML canonical form.
ALTER TABLE verification_record ADD COLUMN answer_digest_version INT NOT NULL DEFAULT 1;
