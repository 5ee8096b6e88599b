-- Asynchronous bulk verification (submitBatch / getBatchResult): the database is the queue.
-- Portable (H2 MODE=MariaDB and MariaDB 10.11), utf8mb4_bin, DATETIME(6) in UTC, as V1.

-- One submitted batch: who submitted it (recorded as the requester of every item's verification), progress
-- and retention. status: QUEUED → RUNNING → DONE → EXPIRED (items purged, the row kept as a trace).
CREATE TABLE batch_job (
    reception_number   VARCHAR(20)  NOT NULL PRIMARY KEY,
    requester_org_code VARCHAR(40)  NOT NULL,
    requester_org_name VARCHAR(200),
    requester_user_id  VARCHAR(64)  NOT NULL,
    requester_role     VARCHAR(60)  NOT NULL,
    status             VARCHAR(10)  NOT NULL,
    total_items        INT          NOT NULL,
    done_items         INT          NOT NULL,
    submitted_at       DATETIME(6)  NOT NULL,
    started_at         DATETIME(6),
    finished_at        DATETIME(6),
    expires_at         DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_batch_job_status ON batch_job (status, submitted_at);
CREATE INDEX ix_batch_job_org ON batch_job (requester_org_code, submitted_at);

-- One item of a batch, as submitted (strings: a malformed item is answered with its problem).
-- status: QUEUED → CLAIMED (by claimed_by, with claim_token) → DONE (answer or problem). An item is finished only
-- by the holder of its current claim, and an answered item in the same transaction as its audit record, so a
-- restart or a second node never verifies it twice. answer_xml is the canonical answer whose SHA-256 is
-- answer_digest (and the audit record's digest); it is purged with the job.
CREATE TABLE batch_item (
    reception_number    VARCHAR(20)  NOT NULL,
    position            INT          NOT NULL,
    reference           VARCHAR(100),
    insurer_number      VARCHAR(100),
    card_symbol         VARCHAR(100),
    card_number         VARCHAR(100),
    branch_number       VARCHAR(100),
    target_date         VARCHAR(100),
    birth_date          VARCHAR(100),
    status              VARCHAR(10)  NOT NULL,
    claimed_by          VARCHAR(80),
    claim_token         VARCHAR(40),
    claimed_at          DATETIME(6),
    attempts            INT          NOT NULL,
    verification_number VARCHAR(20),
    answer_digest       VARCHAR(64),
    answer_xml          MEDIUMTEXT,
    problem_code        VARCHAR(40),
    problem_field       VARCHAR(40),
    problem_message     VARCHAR(400),
    done_at             DATETIME(6),
    PRIMARY KEY (reception_number, position),
    CONSTRAINT fk_batch_item_job FOREIGN KEY (reception_number) REFERENCES batch_job (reception_number)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_batch_item_status ON batch_item (reception_number, status, position);
CREATE INDEX ix_batch_item_claimed_by ON batch_item (status, claimed_by);
