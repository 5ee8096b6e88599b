-- Administration on application (issue 9). A user account names its person (one ID per person: name, kana, birth
-- date, contact; NULL for accounts made before applications existed) and may be ended (ended_at, UTC): an ended
-- account keeps its row and user ID for the records that name it, but is refused at authentication.
-- admin_application: every application with its applicant, decision, decider and times (who, when, what).
-- Portable (H2 MODE=MariaDB and MariaDB 10.11), DATETIME(6) in UTC, as V1.
ALTER TABLE user_account ADD COLUMN ended_at DATETIME(6);
ALTER TABLE user_account ADD COLUMN person_name VARCHAR(100);
ALTER TABLE user_account ADD COLUMN person_kana VARCHAR(100);
ALTER TABLE user_account ADD COLUMN birth_date DATE;
ALTER TABLE user_account ADD COLUMN contact VARCHAR(200);

CREATE TABLE admin_application (
    id                          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    kind                        VARCHAR(30)   NOT NULL,
    state                       VARCHAR(20)   NOT NULL,
    organisation_code           VARCHAR(40)   NOT NULL,
    applicant_user_id           VARCHAR(64)   NOT NULL,
    applicant_organisation_code VARCHAR(40)   NOT NULL,
    submitted_at                DATETIME(6)   NOT NULL,
    user_id                     VARCHAR(64),
    role                        VARCHAR(40),
    person_name                 VARCHAR(100),
    person_kana                 VARCHAR(100),
    birth_date                  DATE,
    contact                     VARCHAR(200),
    organisation_name           VARCHAR(200),
    organisation_kind           VARCHAR(30),
    address                     VARCHAR(400),
    delivery                    VARCHAR(20),
    endpoint_address            VARCHAR(500),
    timeout_ms                  BIGINT,
    applicant_comment           VARCHAR(1000),
    decided_by                  VARCHAR(64),
    decided_at                  DATETIME(6),
    decision_reason             VARCHAR(1000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_admin_application_state ON admin_application (state, submitted_at);
CREATE INDEX ix_admin_application_organisation ON admin_application (organisation_code, submitted_at);
