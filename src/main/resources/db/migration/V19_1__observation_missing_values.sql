-- Missing values as published (issue 19): a station that reports '--', '*', '' or null for a parameter
-- has a record too, with no measured value; the marker is kept in reported_value, exactly as sent.
ALTER TABLE observation ALTER COLUMN measured_value DROP NOT NULL;
ALTER TABLE observation ADD CONSTRAINT observation_missing_is_not_below_limit
    CHECK (measured_value IS NOT NULL OR below_detection_limit = FALSE);
