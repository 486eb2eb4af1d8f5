-- The observation rows not yet in the hash chain (liuyu.audit.ObservationChain): ObservationStore writes a row's key
-- here in the transaction that stores the row, and the chainer takes the keys out as it chains the rows. So each
-- round reads only what is new, where it looked for unchained rows among every observation before (an anti-join over
-- all of them, every interval, on every instance: two seconds of database time on a decade of station data).
-- Synthetic demo rows are never chained, so never listed. The row's sampling time is listed with its key: where
-- observations are partitioned by month (the postgis profile), it names the one partition that holds the row.
-- Plain SQL for H2 and PostgreSQL alike.
CREATE TABLE observation_unchained (
    observation_id VARCHAR(100)             NOT NULL,
    version        INTEGER                  NOT NULL,
    sampled_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (observation_id, version)
);

INSERT INTO observation_unchained (observation_id, version, sampled_at)
SELECT o.observation_id, o.version, o.sampled_at FROM observation o
WHERE o.source_kind <> 'synthetic'
  AND NOT EXISTS (SELECT 1 FROM observation_chain c WHERE c.record_id = o.record_id);
