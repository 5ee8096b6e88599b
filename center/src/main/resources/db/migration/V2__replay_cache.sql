-- Replay cache shared by every center node: one row per timestamp/signature (or nonce) seen, inserted
-- atomically so that two nodes cannot both accept the same message (traps.md).
CREATE TABLE replay_cache (
    identifier_hash CHAR(64)    NOT NULL PRIMARY KEY,
    expires_at      DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_replay_cache_expiry ON replay_cache (expires_at);
