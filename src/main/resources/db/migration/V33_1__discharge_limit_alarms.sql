-- Discharge-limit alarms (issue 25, docs/alarms.md): an outfall's value above (or below) the permitted limit its
-- ledger record holds raises an alarm of kind 'discharge-limit'. The limits themselves live in the ledger record's
-- details (append-only versions, V9_1). Plain SQL for H2 (MODE=PostgreSQL) and PostgreSQL.
ALTER TABLE alarm DROP CONSTRAINT alarm_kind;
ALTER TABLE alarm ADD CONSTRAINT alarm_kind CHECK (kind IN ('exceedance', 'anomaly', 'gap', 'discharge-limit'));
