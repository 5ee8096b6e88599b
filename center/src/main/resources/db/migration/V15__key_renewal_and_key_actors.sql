-- Keys (issue 9): who issued and who revoked each organisation key (NULL for keys of before this version and for
-- keys the demo or `center init` made), and the link of a renewal: the old key stays accepted until its
-- shortened not_after (the overlap), the new one replaces it. One renewal per old key and per new key.
-- org_certificate.not_after is the end of the key's acceptance by the center: after a renewal it may be
-- earlier than the certificate's own notAfter, which is kept in key_renewal.old_not_after.
-- Portable (H2 MODE=MariaDB and MariaDB 10.11), DATETIME(6) in UTC, as V1.
ALTER TABLE org_certificate ADD COLUMN issued_by VARCHAR(100);
ALTER TABLE org_certificate ADD COLUMN revoked_by VARCHAR(100);

CREATE TABLE key_renewal (
    id                 BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    old_certificate_id BIGINT       NOT NULL,
    new_certificate_id BIGINT       NOT NULL,
    renewed_at         DATETIME(6)  NOT NULL,
    renewed_by         VARCHAR(100) NOT NULL,
    old_not_after      DATETIME(6)  NOT NULL,
    CONSTRAINT uk_key_renewal_old UNIQUE (old_certificate_id),
    CONSTRAINT uk_key_renewal_new UNIQUE (new_certificate_id),
    CONSTRAINT fk_key_renewal_old FOREIGN KEY (old_certificate_id) REFERENCES org_certificate (id),
    CONSTRAINT fk_key_renewal_new FOREIGN KEY (new_certificate_id) REFERENCES org_certificate (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
