-- The insurer adapter's own card store: one row per card (household) and one per person on it.
-- Portable between H2 (MODE=MariaDB) and MariaDB. Symbol and number are typed by people and stored
-- NFKC-normalised; utf8mb4_bin keeps MariaDB from treating ハ/パ or kana/hiragana as the same key.
-- insurer_updated_at is stored in UTC with microseconds (DATETIME(6): plain DATETIME drops them on MariaDB).

CREATE TABLE insurer_card (
    id                     BIGINT       NOT NULL AUTO_INCREMENT,
    insurer_number         VARCHAR(8)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    symbol                 VARCHAR(40)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    card_number            VARCHAR(40)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    valid_from             DATE         NOT NULL,
    valid_to               DATE         NULL,
    qualification_acquired DATE         NULL,
    qualification_lost     DATE         NULL,
    copayment_percent      INT          NULL,
    employer_name          VARCHAR(200) NULL,
    employer_address       VARCHAR(400) NULL,
    insurer_updated_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_insurer_card_key UNIQUE (insurer_number, symbol, card_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE insurer_card_person (
    card_id       BIGINT       NOT NULL,
    branch_number VARCHAR(2)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    insured       BOOLEAN      NOT NULL,
    person_name   VARCHAR(100) NOT NULL,
    name_kana     VARCHAR(100) NULL,
    sex           VARCHAR(6)   NOT NULL,
    birth_date    DATE         NOT NULL,
    relationship  VARCHAR(20)  NOT NULL,
    PRIMARY KEY (card_id, branch_number),
    CONSTRAINT fk_insurer_card_person_card FOREIGN KEY (card_id) REFERENCES insurer_card (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
