-- The intervention log (干预留痕, issue 25) and the hash chains that make it and the observations
-- tamper-evident: each entry carries the SHA-256 of the previous one, so a silent edit, deletion or
-- reordering in the database breaks the chain at that position. Append-only. H2 and PostgreSQL alike.
CREATE TABLE intervention (
    position          BIGINT        NOT NULL PRIMARY KEY,   -- 1, 2, 3 … the place in the chain
    official          VARCHAR(100)  NOT NULL,               -- who intervened
    official_position VARCHAR(200)  NOT NULL,
    official_unit     VARCHAR(200)  NOT NULL,
    addressee         VARCHAR(200)  NOT NULL,               -- to whom
    occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    channel           VARCHAR(10)   NOT NULL,
    content           VARCHAR(20000) NOT NULL,
    concerns          VARCHAR(20000) NOT NULL,              -- JSON: sites, stations, observations concerned
    recorded_by       VARCHAR(100)  NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    previous_hash     VARCHAR(64)   NOT NULL,
    entry_hash        VARCHAR(64)   NOT NULL,
    CONSTRAINT intervention_channel CHECK (channel IN ('批示', '函文', '口头', '暗示', '其他'))
);

CREATE TABLE intervention_attachment (
    position    BIGINT        NOT NULL REFERENCES intervention (position),
    seq         INTEGER       NOT NULL,
    file_name   VARCHAR(200)  NOT NULL,
    media_type  VARCHAR(100)  NOT NULL,
    size_bytes  BIGINT        NOT NULL,
    sha256      VARCHAR(64)   NOT NULL,
    content     BYTEA         NOT NULL,
    PRIMARY KEY (position, seq)
);

-- the chain over observation rows, appended shortly after they are written (liuyu.audit.observation-chain-interval)
CREATE TABLE observation_chain (
    position      BIGINT      NOT NULL PRIMARY KEY,
    record_id     BIGINT      NOT NULL UNIQUE,
    previous_hash VARCHAR(64) NOT NULL,
    entry_hash    VARCHAR(64) NOT NULL
);
