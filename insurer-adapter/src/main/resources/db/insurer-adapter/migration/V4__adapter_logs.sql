-- The card server's own access log and unauthorised-access log (policy 3: every refusal is written, at the
-- insurer too, for its own server). Written next to the SLF4J loggers jp.hokensho.insurer.access and
-- jp.hokensho.insurer.unauthorised; a failure to write here never fails the request or command itself.
-- Times in UTC. Caller-supplied text is stored without control characters and cut to the column length.

-- kind QUERY: one row per queryCard (requesting institution, verification number, insurer, outcome FOUND /
-- NOT_FOUND / UNKNOWN_INSURER, duration). kind COMMAND: one row per authorised command run (user, command,
-- outcome OK / FAILED / USAGE).
CREATE TABLE adapter_access_log (
    id                     BIGINT       NOT NULL AUTO_INCREMENT,
    logged_at              DATETIME(6)  NOT NULL,
    kind                   VARCHAR(10)  NOT NULL,
    requesting_institution VARCHAR(200) NULL,
    verification_number    VARCHAR(40)  NULL,
    insurer_number         VARCHAR(8)   NULL,
    user_id                VARCHAR(64)  NULL,
    command                VARCHAR(32)  NULL,
    outcome                VARCHAR(20)  NOT NULL,
    duration_ms            BIGINT       NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_adapter_access_log_time ON adapter_access_log (logged_at);

-- source ENDPOINT: a refused queryCard request (reason as RefusalReason: UNTRUSTED_KEY, BAD_CREDENTIALS, ...).
-- source COMMAND: a refused command (UNKNOWN_USER, WRONG_PASSWORD, LOCKED, NO_PASSWORD, MISSING_PERMISSION).
CREATE TABLE adapter_unauthorised_log (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    logged_at      DATETIME(6)  NOT NULL,
    source         VARCHAR(10)  NOT NULL,
    reason         VARCHAR(32)  NOT NULL,
    remote_address VARCHAR(64)  NULL,
    user_id        VARCHAR(64)  NULL,
    command        VARCHAR(32)  NULL,
    detail         VARCHAR(500) NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_adapter_unauthorised_log_time ON adapter_unauthorised_log (logged_at);
