-- The outfall ledger (issue 8, 000:913): every version of every record and every lifecycle step,
-- append-only. The current record is the highest version; the current state is the last step's.
-- Plain SQL that H2 (MODE=PostgreSQL) and PostgreSQL both run.
CREATE TABLE outfall (
    outfall_id       VARCHAR(100)  NOT NULL,
    version          INT           NOT NULL,
    name_zh          VARCHAR(200)  NOT NULL,
    name_en          VARCHAR(200),
    outfall_type     VARCHAR(20)   NOT NULL,
    lon              DOUBLE PRECISION NOT NULL,
    lat              DOUBLE PRECISION NOT NULL,
    normally_flowing BOOLEAN       NOT NULL,
    details          TEXT          NOT NULL,
    method           VARCHAR(20)   NOT NULL,
    source           VARCHAR(500)  NOT NULL,
    licence          VARCHAR(200)  NOT NULL,
    accuracy         VARCHAR(500)  NOT NULL,
    authoritative    BOOLEAN       NOT NULL,
    edited_by        VARCHAR(100)  NOT NULL,
    edited_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    edit_reason      VARCHAR(1000),
    PRIMARY KEY (outfall_id, version)
);

CREATE TABLE outfall_event (
    outfall_id   VARCHAR(100)  NOT NULL,
    seq          INT           NOT NULL,
    from_state   VARCHAR(20),
    to_state     VARCHAR(20)   NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    evidence     TEXT          NOT NULL,
    violations   VARCHAR(300),
    remediation  VARCHAR(20),
    occurred_on  DATE          NOT NULL,
    actor        VARCHAR(100)  NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (outfall_id, seq)
);
