-- The access review's sign-offs (policy 2: access rights reviewed periodically): who signed off which organisation,
-- when, with what comment; an organisation whose last sign-off is older than center.review.interval-days is overdue.
-- access_review_reenabled: the disabled accounts a sign-off re-enabled (the record of who re-enabled whom, when).
-- Portable (H2 MODE=MariaDB and MariaDB 10.11), DATETIME(6) in UTC, as V1.
CREATE TABLE access_review_sign_off (
    id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    organisation_code VARCHAR(40)   NOT NULL,
    reviewer_user_id  VARCHAR(64)   NOT NULL,
    signed_off_at     DATETIME(6)   NOT NULL,
    review_comment    VARCHAR(1000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_access_review_sign_off_org ON access_review_sign_off (organisation_code, signed_off_at);

CREATE TABLE access_review_reenabled (
    sign_off_id BIGINT       NOT NULL,
    user_id     VARCHAR(64)  NOT NULL,
    PRIMARY KEY (sign_off_id, user_id),
    CONSTRAINT fk_access_review_reenabled_sign_off FOREIGN KEY (sign_off_id) REFERENCES access_review_sign_off (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
