-- Check reports that can be listed and re-checked (issue 16): the applicant named in the project, the
-- report a re-check re-ran, and the districts a project touches (one row each, for the district filter).
-- Still append-only. Plain SQL that H2 (MODE=PostgreSQL) and PostgreSQL both run.
ALTER TABLE check_report ADD COLUMN applicant VARCHAR(200);
ALTER TABLE check_report ADD COLUMN previous_report_id BIGINT;
ALTER TABLE check_report ADD CONSTRAINT check_report_previous FOREIGN KEY (previous_report_id) REFERENCES check_report (report_id);
CREATE INDEX check_report_recorded_at ON check_report (recorded_at);

CREATE TABLE check_report_district (
    report_id     BIGINT       NOT NULL REFERENCES check_report (report_id),
    district_code VARCHAR(20)  NOT NULL,
    name_zh       VARCHAR(100) NOT NULL,
    PRIMARY KEY (report_id, district_code)
);
CREATE INDEX check_report_district_code ON check_report_district (district_code);
