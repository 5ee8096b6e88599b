-- Lockout counts failures within a window: failure_window_started_at is the first failure of the current count
-- (NULL when none). password_change_required: the password was handed out by the center staff (one-time) and must
-- be changed before any other operation; existing accounts are taken as already changed.
-- Portable (H2 MODE=MariaDB and MariaDB 10.11), DATETIME(6) in UTC, as V1.
ALTER TABLE user_account ADD COLUMN failure_window_started_at DATETIME(6);
ALTER TABLE user_account ADD COLUMN password_change_required BOOLEAN NOT NULL DEFAULT FALSE;
