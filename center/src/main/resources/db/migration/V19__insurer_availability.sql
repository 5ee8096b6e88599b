-- Each real-time insurer's availability, kept for the monthly operations report (it was only in memory: /health).
-- One row per insurer, UTC hour and center node: the calls the center needed to make in that hour and how they went.
-- A node counts in memory and adds its counts to its own rows every center.monitoring.availability.flush-seconds
-- (no extra write per verification); a crash loses at most the counts since its last flush. Hours in UTC are whole
-- Japanese hours too (+09:00), so a Japanese month is a range of these rows.
-- Portable (H2 MODE=MariaDB and MariaDB 10.11), utf8mb4_bin, DATETIME(6) in UTC, as V1.
CREATE TABLE insurer_availability (
    insurer_number   VARCHAR(16)  NOT NULL,
    hour_start       DATETIME(6)  NOT NULL,
    node_id          INT          NOT NULL,
    -- usable answers
    answered         BIGINT       NOT NULL,
    -- calls made that did not give a usable answer (refused, timed out, fault, rejected answer, refused address)
    failed           BIGINT       NOT NULL,
    -- calls not made because the insurer's circuit breaker was open: answered INSURER_UNAVAILABLE at once
    short_circuited  BIGINT       NOT NULL,
    -- times the breaker went to OPEN in that hour
    breaker_openings BIGINT       NOT NULL,
    latency_ms_total BIGINT       NOT NULL,
    latency_ms_max   BIGINT       NOT NULL,
    updated_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (insurer_number, hour_start, node_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_insurer_availability_hour ON insurer_availability (hour_start);
