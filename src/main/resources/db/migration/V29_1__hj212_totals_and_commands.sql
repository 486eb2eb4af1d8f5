-- HJ 212-2017 receiver, second part (issue 25): a data upload's minimum, maximum and cumulative total (-Min, -Max,
-- -Cou) kept beside the observation its average made, and the packet log widened to the packets that store no
-- value: the platform's commands to a station ('sent'), the station's answers and requests ('received') and the
-- parts of a split message waiting for the rest ('part'). Append-only. Plain SQL for H2 (MODE=PostgreSQL) and PostgreSQL.
ALTER TABLE station_packet DROP CONSTRAINT station_packet_outcome;
ALTER TABLE station_packet ADD CONSTRAINT station_packet_outcome
    CHECK (outcome IN ('stored', 'repeated', 'refused', 'received', 'sent', 'part'));

CREATE TABLE station_value_summary (
    observation_id VARCHAR(100) NOT NULL PRIMARY KEY, -- the observation holding the period's average (-Avg)
    min_value      VARCHAR(40),   -- decimal text in the observation's canonical unit
    max_value      VARCHAR(40),
    reported_min   VARCHAR(40),   -- exactly as sent, in reported_unit of the observation
    reported_max   VARCHAR(40),
    total_value    VARCHAR(40),   -- the period's cumulative total (-Cou) as sent
    total_unit     VARCHAR(10),   -- its unit: m³ for flow, kg for a pollutant's load (HJ 212-2017 Appendix B)
    CONSTRAINT station_value_summary_total_unit CHECK (total_value IS NULL OR total_unit IS NOT NULL)
);
