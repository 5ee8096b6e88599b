-- The access review (policy 2). last_used_at: the first successful authentication of the person's last day of use
-- (written at most once per person and day, not on every request). disabled_at/disabled_reason: the account is
-- refused at authentication (ACCOUNT_DISABLED) from then on, e.g. by the daily sweep of dormant accounts, until the
-- system administrator re-enables it in a review sign-off; reenabled_at restarts the dormancy count then.
-- An account never used counts as dormant from created_at. Portable (H2 MODE=MariaDB and MariaDB 10.11), DATETIME(6)
-- in UTC, as V1.
ALTER TABLE user_account ADD COLUMN last_used_at DATETIME(6);
ALTER TABLE user_account ADD COLUMN disabled_at DATETIME(6);
ALTER TABLE user_account ADD COLUMN disabled_reason VARCHAR(200);
ALTER TABLE user_account ADD COLUMN reenabled_at DATETIME(6);
