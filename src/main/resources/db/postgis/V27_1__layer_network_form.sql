-- A river-network line layer may declare the form of its attributes (atlas.yaml `network: {form: …}`,
-- issue 18): kept with the layer so a PostGIS atlas reads its network exactly as the directory did.
ALTER TABLE atlas_layer ADD COLUMN network_form text;
