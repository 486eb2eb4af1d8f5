-- Observations partitioned by month of sampled_at (issue 23; docs/scale.md), PostgreSQL only (H2 keeps one table).
-- A unique key of a partitioned table must contain the partition key, so (observation_id, version) and record_id
-- can no longer be unique on the table itself: they are kept unique in observation_key, a narrow table every
-- insert also writes (trigger, same transaction). A second insert of an id and version therefore still fails with
-- a unique violation (23505), whatever month it names: ingest idempotency and the retry on a race are unchanged.
-- Months: observation_month_partition(t) creates the partition of t's month (UTC), moving that month's rows out of
-- the default partition; the service calls it for this month and the next ones (liuyu.observations.partitions-ahead),
-- and any row of a month without a partition lands in observation_default, so an insert never fails for want of one.

ALTER TABLE observation RENAME TO observation_before_partitions;
ALTER TABLE observation_before_partitions RENAME CONSTRAINT observation_version_unique TO observation_before_version_unique;
ALTER INDEX observation_site_time RENAME TO observation_before_site_time;

CREATE SEQUENCE observation_record_id;
SELECT setval('observation_record_id', COALESCE((SELECT MAX(record_id) FROM observation_before_partitions), 0) + 1, false);

-- the same columns and checks (LIKE: whatever earlier migrations made of them); the unique keys follow below
CREATE TABLE observation (
    LIKE observation_before_partitions INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    CONSTRAINT observation_partition_key PRIMARY KEY (record_id, sampled_at)
) PARTITION BY RANGE (sampled_at);
ALTER TABLE observation ALTER COLUMN record_id SET DEFAULT nextval('observation_record_id');
ALTER SEQUENCE observation_record_id OWNED BY observation.record_id;

CREATE INDEX observation_site_time ON observation (site_id, sampled_at);
CREATE INDEX observation_id_version ON observation (observation_id, version);
CREATE INDEX observation_record ON observation (record_id);

CREATE TABLE observation_default PARTITION OF observation DEFAULT;

-- the keys that must stay unique across all months
CREATE TABLE observation_key (
    observation_id VARCHAR(100) NOT NULL,
    version        INTEGER      NOT NULL,
    record_id      BIGINT       NOT NULL,
    CONSTRAINT observation_version_unique PRIMARY KEY (observation_id, version),
    CONSTRAINT observation_key_record UNIQUE (record_id)
);

CREATE FUNCTION observation_key_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO observation_key (observation_id, version, record_id) VALUES (NEW.observation_id, NEW.version, NEW.record_id);
    RETURN NEW;
END $$;

CREATE FUNCTION observation_key_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM observation_key WHERE observation_id = OLD.observation_id AND version = OLD.version;
    RETURN OLD;
END $$;

-- observation rows are append-only (a correction is a new version); deletion is the synthetic-records purge
CREATE TRIGGER observation_key_insert BEFORE INSERT ON observation FOR EACH ROW EXECUTE FUNCTION observation_key_insert();
CREATE TRIGGER observation_key_delete AFTER DELETE ON observation FOR EACH ROW EXECUTE FUNCTION observation_key_delete();
CREATE FUNCTION observation_key_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.observation_id <> OLD.observation_id OR NEW.version <> OLD.version OR NEW.record_id <> OLD.record_id THEN
        RAISE EXCEPTION 'observation % version %: id, version and record id never change', OLD.observation_id, OLD.version;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER observation_key_update BEFORE UPDATE ON observation FOR EACH ROW EXECUTE FUNCTION observation_key_update();

-- the partition of the month (UTC) holding t, created if missing; rows of that month waiting in the default
-- partition are moved into it (observation_key held meanwhile, so no insert can slip a duplicate past the move)
CREATE FUNCTION observation_month_partition(t TIMESTAMP WITH TIME ZONE) RETURNS TEXT LANGUAGE plpgsql AS $$
DECLARE
    lo TIMESTAMP WITH TIME ZONE := date_trunc('month', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    hi TIMESTAMP WITH TIME ZONE := (date_trunc('month', t AT TIME ZONE 'UTC') + INTERVAL '1 month') AT TIME ZONE 'UTC';
    name TEXT := 'observation_' || to_char(t AT TIME ZONE 'UTC', 'YYYY"m"MM');
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN name;
    END IF;
    IF EXISTS (SELECT 1 FROM observation_default WHERE sampled_at >= lo AND sampled_at < hi) THEN
        LOCK TABLE observation_key IN SHARE ROW EXCLUSIVE MODE;
        EXECUTE format('CREATE TABLE %I (LIKE observation INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
        EXECUTE format('WITH moved AS (DELETE FROM observation_default WHERE sampled_at >= %L AND sampled_at < %L RETURNING *)'
            || ' INSERT INTO %I SELECT * FROM moved', lo, hi, name);
        -- the delete trigger let go of the moved rows' keys: they are taken again
        EXECUTE format('INSERT INTO observation_key (observation_id, version, record_id)'
            || ' SELECT observation_id, version, record_id FROM %I', name);
        EXECUTE format('ALTER TABLE observation ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name, lo, hi);
    ELSE
        EXECUTE format('CREATE TABLE %I PARTITION OF observation FOR VALUES FROM (%L) TO (%L)', name, lo, hi);
    END IF;
    RETURN name;
END $$;

-- the rows so far, each month in its partition (record ids, and so the audit chain's references, kept)
SELECT observation_month_partition(m) FROM (
    SELECT DISTINCT date_trunc('month', sampled_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m FROM observation_before_partitions
    UNION SELECT date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
) months ORDER BY m;
INSERT INTO observation SELECT * FROM observation_before_partitions ORDER BY record_id;
DROP TABLE observation_before_partitions;
