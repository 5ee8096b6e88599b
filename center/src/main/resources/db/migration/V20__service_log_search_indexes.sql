-- Indexes for the service-log searches and the reports (AdminService searchServiceLogs, traceVerification,
-- getUsageReport, getMonthlyOperationsReport): each search filters by time range, often with a person or a reason,
-- and orders by time; without these a search by user or by period alone reads the whole table.
-- Portable (H2 MODE=MariaDB and MariaDB 10.11); index names unique across the schema, as V1.
CREATE INDEX ix_verification_record_time ON verification_record (requested_at);
CREATE INDEX ix_verification_record_user_time ON verification_record (requester_user_id, requested_at);
CREATE INDEX ix_access_log_user_time ON access_log (user_id, occurred_at);
CREATE INDEX ix_refusal_log_user_time ON refusal_log (user_id, occurred_at);
CREATE INDEX ix_refusal_log_reason_time ON refusal_log (reason_code, occurred_at);
CREATE INDEX ix_refusal_log_org_time ON refusal_log (organisation_code, occurred_at);
-- A trace finds a batch item's batch by its verification number.
CREATE INDEX ix_batch_item_verification ON batch_item (verification_number);
