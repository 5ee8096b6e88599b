-- The center's schema. Portable: H2 (MODE=MariaDB) and MariaDB 10.11 run this same file.
-- Every table is utf8mb4 with the binary collation: symbols, numbers and IDs are typed by people, and
-- MariaDB's _ci collations would treat ハ/パ, hiragana/katakana or 𠮷/吉 as equal (H2 compares binary).
-- Timestamps are UTC in DATETIME(6): MariaDB drops fractions of a second from a bare DATETIME, and the
-- audit hash covers exactly what is stored.
-- Index and constraint names are unique across the schema (H2 requires it).

CREATE TABLE organisation (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code        VARCHAR(40)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    kind        VARCHAR(30)  NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    CONSTRAINT uk_organisation_code UNIQUE (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE user_account (
    id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id             VARCHAR(64)  NOT NULL,
    organisation_id     BIGINT       NOT NULL,
    role                VARCHAR(40)  NOT NULL,
    password_hash       TEXT         NOT NULL,
    failed_attempts     INT          NOT NULL DEFAULT 0,
    locked_until        DATETIME(6),
    password_changed_at DATETIME(6)  NOT NULL,
    created_at          DATETIME(6)  NOT NULL,
    CONSTRAINT uk_user_account_user_id UNIQUE (user_id),
    CONSTRAINT fk_user_account_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE org_certificate (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    serial_number   VARCHAR(64)  NOT NULL,
    organisation_id BIGINT       NOT NULL,
    subject_dn      VARCHAR(500) NOT NULL,
    not_before      DATETIME(6)  NOT NULL,
    not_after       DATETIME(6)  NOT NULL,
    issued_at       DATETIME(6)  NOT NULL,
    revoked_at      DATETIME(6),
    CONSTRAINT uk_org_certificate_serial UNIQUE (serial_number),
    CONSTRAINT fk_org_certificate_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE insurer (
    id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    insurer_number    VARCHAR(16)  NOT NULL,
    name              VARCHAR(200) NOT NULL,
    address           VARCHAR(400),
    delivery_mode     VARCHAR(20)  NOT NULL,
    endpoint_address  VARCHAR(500),
    certificate_alias VARCHAR(100),
    timeout_ms        BIGINT,
    updated_at        DATETIME(6)  NOT NULL,
    CONSTRAINT uk_insurer_number UNIQUE (insurer_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Cards of pre-stored insurers (事前蓄積型). Keys are stored normalised (NFKC, trimmed).
CREATE TABLE stored_card (
    id                     BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    insurer_number         VARCHAR(16)  NOT NULL,
    card_symbol            VARCHAR(80)  NOT NULL,
    card_number            VARCHAR(80)  NOT NULL,
    valid_from             DATE,
    valid_to               DATE,
    qualification_acquired DATE,
    qualification_lost     DATE,
    copayment_percent      INT,
    employer_name          VARCHAR(200),
    employer_address       VARCHAR(400),
    insurer_updated_at     DATETIME(6),
    center_received_at     DATETIME(6)  NOT NULL,
    CONSTRAINT uk_stored_card_key UNIQUE (insurer_number, card_symbol, card_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The insured (insured = TRUE, ordinal 0) and the dependents of a stored card, in card order.
CREATE TABLE stored_card_person (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    card_id       BIGINT       NOT NULL,
    ordinal       INT          NOT NULL,
    insured       BOOLEAN      NOT NULL,
    branch_number VARCHAR(10),
    name          VARCHAR(200) NOT NULL,
    name_kana     VARCHAR(200),
    sex           VARCHAR(10),
    birth_date    DATE,
    relationship  VARCHAR(30),
    CONSTRAINT fk_stored_card_person_card FOREIGN KEY (card_id) REFERENCES stored_card (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_stored_card_person_card ON stored_card_person (card_id, ordinal);

-- The audit trail: append-only, hash-chained. position is assigned gaplessly under the lock on
-- audit_chain_head (not AUTO_INCREMENT, which leaves gaps on rollback).
CREATE TABLE verification_record (
    position            BIGINT       NOT NULL PRIMARY KEY,
    verification_number VARCHAR(20)  NOT NULL,
    requested_at        DATETIME(6)  NOT NULL,
    requester_user_id   VARCHAR(64)  NOT NULL,
    requester_org_code  VARCHAR(40)  NOT NULL,
    insurer_number      VARCHAR(16),
    card_symbol         VARCHAR(80),
    card_number         VARCHAR(80),
    branch_number       VARCHAR(10),
    target_date         DATE,
    birth_date          DATE,
    result_code         VARCHAR(30)  NOT NULL,
    data_source         VARCHAR(20),
    valid_from          DATE,
    valid_to            DATE,
    insurer_updated_at  DATETIME(6),
    center_received_at  DATETIME(6),
    answer_digest       VARCHAR(64),
    prev_hash           VARCHAR(64)  NOT NULL,
    record_hash         VARCHAR(64)  NOT NULL,
    CONSTRAINT uk_verification_record_number UNIQUE (verification_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_verification_record_org_time ON verification_record (requester_org_code, requested_at);
CREATE INDEX ix_verification_record_card ON verification_record (insurer_number, card_symbol, card_number);

-- The single row every append locks (SELECT ... FOR UPDATE): the last position and hash of the chain.
CREATE TABLE audit_chain_head (
    id            INT          NOT NULL PRIMARY KEY,
    last_position BIGINT       NOT NULL,
    last_hash     VARCHAR(64)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO audit_chain_head (id, last_position, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Per center node, the next counter value not yet handed out in a block of verification numbers.
CREATE TABLE verification_number_block (
    node_id      INT          NOT NULL PRIMARY KEY,
    next_counter BIGINT       NOT NULL,
    reserved_at  DATETIME(6)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- 不正アクセスログ: every refusal. Codes are free text (an unknown organisation is logged too).
CREATE TABLE refusal_log (
    id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    occurred_at       DATETIME(6)   NOT NULL,
    reason_code       VARCHAR(60)   NOT NULL,
    user_id           VARCHAR(64),
    organisation_code VARCHAR(40),
    operation         VARCHAR(100),
    detail            VARCHAR(1000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_refusal_log_time ON refusal_log (occurred_at);

-- アクセスログ: every served request.
CREATE TABLE access_log (
    id                 BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    occurred_at        DATETIME(6)  NOT NULL,
    user_id            VARCHAR(64),
    organisation_code  VARCHAR(40),
    certificate_serial VARCHAR(64),
    operation          VARCHAR(100) NOT NULL,
    outcome            VARCHAR(60)  NOT NULL,
    duration_ms        BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_access_log_time ON access_log (occurred_at);
CREATE INDEX ix_access_log_org_time ON access_log (organisation_code, occurred_at);
