-- An organisation's address (the insurer directory had one, medical institutions had none), and when it was ended
-- (`center org end`): an ended organisation keeps its rows for the records and logs that name it, but can no longer
-- be used. NULL = active. Portable (H2 MODE=MariaDB and MariaDB 10.11), DATETIME(6) in UTC, as V1.
ALTER TABLE organisation ADD COLUMN address VARCHAR(400);
ALTER TABLE organisation ADD COLUMN ended_at DATETIME(6);
ALTER TABLE insurer ADD COLUMN ended_at DATETIME(6);
