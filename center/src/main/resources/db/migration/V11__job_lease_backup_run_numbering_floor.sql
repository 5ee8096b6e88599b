-- Periodic jobs (daily backup, retention purge, ...) run on one node at a time: the node that holds a job's row
-- until lease_until runs it; last_completed_at says when it last finished, so a job due once a day runs once a day
-- whichever node wakes first.
CREATE TABLE job_lease (
    job_name          VARCHAR(60)  NOT NULL PRIMARY KEY,
    holder            VARCHAR(120),
    lease_until       DATETIME(6),
    last_completed_at DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per backup taken (`center backup` or the daily schedule); /health shows the last successful one.
CREATE TABLE backup_run (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    started_at  DATETIME(6)   NOT NULL,
    finished_at DATETIME(6)   NOT NULL,
    outcome     VARCHAR(20)   NOT NULL,
    file_name   VARCHAR(500),
    size_bytes  BIGINT,
    detail      VARCHAR(1000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_backup_run_time ON backup_run (finished_at);

-- The lowest counter a node's first block of verification numbers may start at. 1 until a restore raises it past
-- every counter that can have been issued before (numbering/NumberingFloor), so that a node without a row in the
-- restored database does not start again at 1.
CREATE TABLE verification_number_floor (
    id          INT          NOT NULL PRIMARY KEY,
    min_counter BIGINT       NOT NULL,
    set_at      DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO verification_number_floor (id, min_counter, set_at) VALUES (1, 1, NULL);
