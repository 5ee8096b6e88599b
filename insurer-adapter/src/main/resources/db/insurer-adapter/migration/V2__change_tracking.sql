-- Change tracking for the push sync of pre-stored insurers: every insert, update or end of a card takes the
-- next number of a single counter row in the same transaction and stores it as the card's change_seq.
-- A counter row (not AUTO_INCREMENT or a SEQUENCE) on purpose: its row lock is held until commit, so a
-- number becomes visible only after every smaller one did. With a sequence, a transaction holding 5 could
-- commit after one holding 6; a sync that had read 6 would move its cursor past 5 and never send that card.

ALTER TABLE insurer_card ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;

-- Cards that exist already get a number each, so the first sync (cursor 0) sends them all.
UPDATE insurer_card SET change_seq = id;

CREATE INDEX ix_insurer_card_change_seq ON insurer_card (insurer_number, change_seq);

CREATE TABLE card_change_counter (
    counter_id INT    NOT NULL,
    last_seq   BIGINT NOT NULL,
    PRIMARY KEY (counter_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO card_change_counter (counter_id, last_seq) SELECT 1, COALESCE(MAX(id), 0) FROM insurer_card;

-- Per insurer: every change up to acked_seq has been acknowledged by the center's registry.
-- last_success_at: the end of the last run that delivered everything without a problem (UTC).
CREATE TABLE sync_state (
    insurer_number  VARCHAR(8)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    acked_seq       BIGINT      NOT NULL,
    last_success_at DATETIME(6) NULL,
    updated_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (insurer_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
