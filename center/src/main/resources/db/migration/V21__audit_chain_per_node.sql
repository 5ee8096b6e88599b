-- One audit chain per center node, so that nodes never wait on each other's chain lock (docs/scaling.md).
-- Portable (H2 MODE=MariaDB and MariaDB 10.11), as V1.
--
-- A chain is named by chain_id: a node appends to the chain of its node id (center.node-id, 0-999). The records
-- made before this migration keep their positions and hashes as the legacy chain, chain_id -1: its head row was
-- the single row of id 1, but 1 is also a node id, and the legacy records are hashed without a chain id (hash
-- versions vr1/vr2, checkpoint format v1), so they must stay a chain of their own that no node appends to. Records
-- of the node chains are hashed with their chain id (vr3) and anchored by checkpoints that sign it (format v2).
-- On MariaDB the primary-key changes rebuild verification_record: plan the upgrade's downtime by its size.
-- A database that never recorded anything has no legacy chain: each node makes its chain's head at its first append.
ALTER TABLE audit_chain_head CHANGE COLUMN id chain_id INT NOT NULL;
UPDATE audit_chain_head SET chain_id = -1 WHERE chain_id = 1;
DELETE FROM audit_chain_head WHERE chain_id = -1 AND last_position = 0;

ALTER TABLE verification_record ADD COLUMN chain_id INT NOT NULL DEFAULT -1 FIRST;
ALTER TABLE verification_record DROP PRIMARY KEY;
ALTER TABLE verification_record ADD PRIMARY KEY (chain_id, position);
ALTER TABLE verification_record ALTER COLUMN chain_id DROP DEFAULT;

-- Each chain's checkpoints follow each other: nodes race for the next checkpoint of one chain, not of all.
ALTER TABLE audit_checkpoint ADD COLUMN chain_id INT NOT NULL DEFAULT -1 FIRST;
ALTER TABLE audit_checkpoint DROP PRIMARY KEY;
ALTER TABLE audit_checkpoint ADD PRIMARY KEY (chain_id, position);
ALTER TABLE audit_checkpoint DROP INDEX uk_audit_checkpoint_from;
ALTER TABLE audit_checkpoint ADD CONSTRAINT uk_audit_checkpoint_chain_from UNIQUE (chain_id, from_position);
ALTER TABLE audit_checkpoint ALTER COLUMN chain_id DROP DEFAULT;
