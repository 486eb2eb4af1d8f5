-- Atlas layers in PostGIS (issue 7): one table per layer kind, provenance as columns, a version per
-- layer that every change bumps, so a running service can notice edits (from QGIS or the importer)
-- and swap in a new snapshot. Applied only on PostgreSQL (location db/postgis).
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE atlas_layer (
    id            text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    geometry_kind text    NOT NULL CHECK (geometry_kind IN ('polygon', 'line', 'point')),
    position      integer NOT NULL,
    title_en      text    NOT NULL,
    title_zh      text    NOT NULL DEFAULT '',
    description   text    NOT NULL DEFAULT '',
    method        text    NOT NULL CHECK (method IN ('surveyed', 'derived', 'schematic', 'synthetic')),
    source        text    NOT NULL,
    licence       text    NOT NULL,
    accuracy      text    NOT NULL,
    authoritative boolean NOT NULL,
    valid_from    date,
    citation      text,
    version       bigint  NOT NULL DEFAULT 1,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

-- Feature tables share one shape; the geometry dimension is what tells them apart.
CREATE TABLE zone_feature (
    layer_id      text    NOT NULL REFERENCES atlas_layer (id) ON DELETE CASCADE,
    id            text    NOT NULL,
    position      integer NOT NULL,
    method        text    NOT NULL CHECK (method IN ('surveyed', 'derived', 'schematic', 'synthetic')),
    source        text    NOT NULL,
    licence       text    NOT NULL,
    accuracy      text    NOT NULL,
    authoritative boolean NOT NULL,
    properties    jsonb   NOT NULL,
    geom          geometry(Geometry, 4326) NOT NULL CHECK (ST_Dimension(geom) = 2),
    PRIMARY KEY (layer_id, id)
);
CREATE TABLE line_feature (LIKE zone_feature INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE line_feature DROP CONSTRAINT zone_feature_geom_check;
ALTER TABLE line_feature ADD CHECK (ST_Dimension(geom) = 1), ADD PRIMARY KEY (layer_id, id),
    ADD FOREIGN KEY (layer_id) REFERENCES atlas_layer (id) ON DELETE CASCADE;
CREATE TABLE point_feature (LIKE zone_feature INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE point_feature DROP CONSTRAINT zone_feature_geom_check;
ALTER TABLE point_feature ADD CHECK (ST_Dimension(geom) = 0), ADD PRIMARY KEY (layer_id, id),
    ADD FOREIGN KEY (layer_id) REFERENCES atlas_layer (id) ON DELETE CASCADE;

CREATE INDEX zone_feature_geom ON zone_feature USING gist (geom);
CREATE INDEX line_feature_geom ON line_feature USING gist (geom);
CREATE INDEX point_feature_geom ON point_feature USING gist (geom);

-- Any change to a layer's features bumps its version once per statement. A bulk
-- load (the importer) sets liuyu.bulk_load for its transaction and bumps the version once itself:
-- a trigger per inserted row's statement would bump it a hundred thousand times.
CREATE FUNCTION atlas_features_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('liuyu.bulk_load', true) = 'on' THEN
        RETURN NULL;
    END IF;
    UPDATE atlas_layer SET version = version + 1, changed_at = now()
     WHERE id IN (SELECT DISTINCT layer_id FROM changed_rows);
    RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['zone_feature', 'line_feature', 'point_feature'] LOOP
        EXECUTE format('CREATE TRIGGER %1$s_inserted AFTER INSERT ON %1$s REFERENCING NEW TABLE AS changed_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION atlas_features_changed()', t);
        EXECUTE format('CREATE TRIGGER %1$s_updated AFTER UPDATE ON %1$s REFERENCING NEW TABLE AS changed_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION atlas_features_changed()', t);
        EXECUTE format('CREATE TRIGGER %1$s_deleted AFTER DELETE ON %1$s REFERENCING OLD TABLE AS changed_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION atlas_features_changed()', t);
    END LOOP;
END $$;

-- Editing a layer's own description is a change too.
CREATE FUNCTION atlas_layer_edited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.version = OLD.version THEN
        NEW.version := OLD.version + 1;
        NEW.changed_at := now();
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER atlas_layer_edited BEFORE UPDATE ON atlas_layer FOR EACH ROW EXECUTE FUNCTION atlas_layer_edited();
