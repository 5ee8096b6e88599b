-- The insurer's own people on its card server (保険証サーバー), with the insurer roles of the source document's
-- table 6-2 ①: OPERATIONS_MANAGER, MEDIA_MANAGER, BUSINESS_MANAGER, STAFF. One ID per person (policy 2).
-- password_hash: PBKDF2 as written by ServiceAccountPasswords ("pbkdf2$iterations$saltB64$hashB64").
-- failed_attempts / locked_until: consecutive wrong passwords lock the account for a while, like the center's login.
CREATE TABLE adapter_user (
    user_id         VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    user_role       VARCHAR(32)  NOT NULL,
    password_hash   VARCHAR(200) NOT NULL,
    failed_attempts INT          NOT NULL DEFAULT 0,
    locked_until    DATETIME(6)  NULL,
    created_at      DATETIME(6)  NOT NULL,
    created_by      VARCHAR(64)  NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT ck_adapter_user_role CHECK (user_role IN ('OPERATIONS_MANAGER', 'MEDIA_MANAGER', 'BUSINESS_MANAGER', 'STAFF'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
