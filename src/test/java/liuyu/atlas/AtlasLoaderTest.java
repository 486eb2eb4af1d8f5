package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtlasLoaderTest {
    @TempDir
    Path dir;

    private static final String PROVENANCE =
            "\"method\":\"synthetic\",\"source\":\"test\",\"licence\":\"CC0-1.0\",\"accuracy\":\"none\",\"authoritative\":false";

    private void manifest(String layerExtra) throws IOException {
        Files.writeString(dir.resolve("atlas.yaml"), """
            atlas:
              id: test
              titleEn: Test atlas
              version: "1"
            layers:
              - id: zones
                file: zones.geojson
                geometry: polygon
                titleEn: Zones
                method: synthetic
                source: test
                licence: CC0-1.0
                accuracy: none
                authoritative: false
            """ + layerExtra);
    }

    private void zones(String... features) throws IOException {
        Files.writeString(
                dir.resolve("zones.geojson"),
                "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}");
    }

    private static String feature(String id, String coordinates, String props) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"properties\":{\"nameZh\":\"区\"," + props + "},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + coordinates + "}}";
    }

    private static final String SQUARE = "[[[116,40],[116.1,40],[116.1,40.1],[116,40.1],[116,40]]]";

    @Test
    void loadsAValidAtlasWithProvenanceOnLayerAndFeatures() throws IOException {
        manifest("");
        zones(feature("a", SQUARE, PROVENANCE));
        Atlas atlas = new AtlasLoader().load(dir);
        Layer layer = atlas.layer("zones");
        assertThat(layer.info().provenance().method()).isEqualTo(Method.SYNTHETIC);
        assertThat(layer.feature("a").provenance().authoritative()).isFalse();
        assertThat(layer.info().version()).hasSize(12);
        assertThat(atlas.locate(116.05, 40.05).within())
                .extracting(h -> h.feature().id())
                .containsExactly("a");
    }

    @Test
    void aBadFeatureRefusesTheAtlasListingEveryOneOrIsSkippedAndReportedWhenAsked() throws IOException {
        manifest("");
        String other = "[[[116.2,40],[116.3,40],[116.3,40.1],[116.2,40.1],[116.2,40]]]";
        zones(
                feature("a", SQUARE, PROVENANCE),
                feature("a", other, PROVENANCE),
                "{\"type\":\"Feature\",\"id\":\"nogeom\",\"properties\":{\"nameZh\":\"区\"," + PROVENANCE
                        + "},\"geometry\":null}",
                feature("b", other, PROVENANCE));
        Path file = dir.resolve("zones.geojson");

        assertThatThrownBy(() -> new AtlasLoader().load(dir))
                .isInstanceOf(AtlasLoadException.class)
                .satisfies(e -> assertThat(((AtlasLoadException) e).problems()).hasSize(2))
                .hasMessageContaining(file + ": feature 'a': duplicate id")
                .hasMessageContaining(file + ": feature 'nogeom': geometry");

        AtlasLoader skipping = new AtlasLoader(true);
        Atlas atlas = skipping.load(dir);
        assertThat(atlas.layer("zones").features()).extracting(Feature::id).containsExactly("a", "b");
        assertThat(atlas.layer("zones").feature("a").geometry().getCoordinates()[0].x)
                .isEqualTo(116.0); // the first 'a' stays
        assertThat(skipping.skipped())
                .extracting(AtlasLoader.SkippedFeature::layer, AtlasLoader.SkippedFeature::feature)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("zones", "a"),
                        org.assertj.core.groups.Tuple.tuple("zones", "nogeom"));
        assertThat(skipping.skipped().get(0).reason()).isEqualTo(file + ": feature 'a': duplicate id");
        assertThat(skipping.skipped().get(1).reason()).startsWith(file + ": feature 'nogeom': geometry");
    }

    @Test
    void layerLevelProblemsRefuseEvenWhenSkipping() throws IOException {
        manifest("");
        Files.writeString(dir.resolve("zones.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[");
        assertThatThrownBy(() -> new AtlasLoader(true).load(dir))
                .isInstanceOf(AtlasLoadException.class)
                .hasMessageContaining("zones.geojson: not valid JSON");
    }

    @Test
    void refusesASelfIntersectingPolygonNamingFileFeatureAndLocation() throws IOException {
        manifest("");
        zones(feature("bowtie", "[[[116,40],[116.1,40.1],[116.1,40],[116,40.1],[116,40]]]", PROVENANCE));
        assertThatThrownBy(() -> new AtlasLoader().load(dir))
                .isInstanceOf(AtlasLoadException.class)
                .hasMessageContaining(
                        "zones.geojson: feature 'bowtie': invalid geometry: Self-intersection at 116.05 40.05");
    }

    @Test
    void refusesCoordinatesOutsideTheEarthAndNaNLikeValues() throws IOException {
        manifest("");
        zones(
                feature("far", "[[[200,40],[116.1,40],[116.1,40.1],[200,40]]]", PROVENANCE),
                feature("nan", "[[[\"NaN\",40],[116.1,40],[116.1,40.1],[116,40]]]", PROVENANCE));
        assertThatThrownBy(() -> new AtlasLoader().load(dir))
                .hasMessageContaining(
                        "feature 'far': geometry.coordinates[0][0]: longitude 200.0 is outside [-180, 180]")
                .hasMessageContaining(
                        "feature 'nan': geometry.coordinates[0][0]: a position is an array of two or three numbers");
    }

    @Test
    void refusesBadProvenanceOverridesAndDuplicateIds() throws IOException {
        manifest("");
        zones(
                feature(
                        "a",
                        SQUARE,
                        "\"method\":\"guessed\",\"source\":\"test\",\"licence\":\"\",\"authoritative\":\"yes\""),
                feature("b", SQUARE, PROVENANCE),
                feature("b", SQUARE, PROVENANCE));
        assertThatThrownBy(() -> new AtlasLoader().load(dir))
                .isInstanceOfSatisfying(
                        AtlasLoadException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        dir.resolve("zones.geojson")
                                                + ": feature 'a': provenance 'method' must be surveyed, derived, schematic or synthetic",
                                        dir.resolve("zones.geojson") + ": feature 'a': provenance 'licence' missing",
                                        dir.resolve("zones.geojson")
                                                + ": feature 'a': provenance 'authoritative' must be true or false",
                                        dir.resolve("zones.geojson") + ": feature 'b': duplicate id"));
    }

    @Test
    void featuresInheritTheLayersProvenanceAndOverrideWhatDiffers() throws IOException {
        manifest("");
        zones(
                feature("plain", SQUARE, "\"level\":1"),
                feature(
                        "surveyed",
                        "[[[117,40],[117.1,40],[117.1,40.1],[117,40.1],[117,40]]]",
                        "\"method\":\"surveyed\",\"accuracy\":\"0.5 m\",\"authoritative\":true"));
        Layer layer = new AtlasLoader().load(dir).layer("zones");
        assertThat(layer.feature("plain").provenance())
                .isEqualTo(new Provenance(Method.SYNTHETIC, "test", "CC0-1.0", "none", false));
        assertThat(layer.feature("plain").properties())
                .containsEntry("level", 1)
                .containsEntry("method", "synthetic");
        assertThat(layer.feature("surveyed").provenance())
                .isEqualTo(new Provenance(Method.SURVEYED, "test", "CC0-1.0", "0.5 m", true));
    }

    @Test
    void aFeatureWithoutNameZhIsShownByItsId() throws IOException {
        manifest("");
        zones(
                "{\"type\":\"Feature\",\"id\":\"z-17\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                        + SQUARE + "}}");
        assertThat(new AtlasLoader().load(dir).layer("zones").feature("z-17").nameZh())
                .isEqualTo("z-17");
    }

    @Test
    void refusesUnclosedRingsWrongGeometryKindsAndUnknownManifestFields() throws IOException {
        manifest("    colour: red\n");
        zones(
                feature("open", "[[[116,40],[116.1,40],[116.1,40.1],[116,40.1]]]", PROVENANCE),
                "{\"type\":\"Feature\",\"id\":\"pt\",\"properties\":{\"nameZh\":\"点\"," + PROVENANCE
                        + "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[116,40]}}");
        assertThatThrownBy(() -> new AtlasLoader().load(dir))
                .hasMessageContaining("layer 'zones': unknown field 'colour'")
                .hasMessageContaining("feature 'open': geometry.coordinates[0]: ring is not closed")
                .hasMessageContaining("feature 'pt': Point in a polygon layer");
    }

    @Test
    void refusesAMissingLayerFile() throws IOException {
        manifest("");
        assertThatThrownBy(() -> new AtlasLoader().load(dir)).hasMessageContaining("zones.geojson: cannot be read");
    }

    @Test
    void streamsFeaturesWhateverTheMemberOrderAndVersionsTheLayerByTheFilesBytes() throws IOException {
        manifest("");
        // members in any order, unknown foreign members skipped, trailing whitespace part of the file
        String text = "{\"bbox\":[116,40,117,41],\"features\":[" + feature("a", SQUARE, PROVENANCE)
                + "],\"extra\":{\"x\":[1,{}]}," + "\"type\":\"FeatureCollection\"}\n\n";
        Files.writeString(dir.resolve("zones.geojson"), text);
        Layer layer = new AtlasLoader().load(dir).layer("zones");
        assertThat(layer.features()).extracting(Feature::id).containsExactly("a");
        assertThat(layer.info().version())
                .isEqualTo(AtlasLoader.digest(Files.readAllBytes(dir.resolve("zones.geojson"))));
    }

    @Test
    void refusesAFileThatIsNotAFeatureCollectionOrNotJson() throws IOException {
        manifest("");
        Files.writeString(dir.resolve("zones.geojson"), "{\"type\":\"Feature\",\"features\":[]}");
        assertThatThrownBy(() -> new AtlasLoader().load(dir))
                .hasMessageContaining("zones.geojson: must be a GeoJSON FeatureCollection");
        Files.writeString(
                dir.resolve("zones.geojson"),
                "{\"type\":\"FeatureCollection\",\"features\":[" + feature("a", SQUARE, PROVENANCE));
        assertThatThrownBy(() -> new AtlasLoader().load(dir)).hasMessageContaining("zones.geojson: not valid JSON");
    }

    @Test
    void layersLoadedInParallelKeepManifestOrderAndReportProblemsInThatOrder() throws IOException {
        StringBuilder manifest = new StringBuilder("atlas:\n  id: test\n  titleEn: Test\nlayers:\n");
        for (int l = 0; l < 6; l++) {
            manifest.append("  - id: z")
                    .append(l)
                    .append("\n    file: z")
                    .append(l)
                    .append(".geojson\n    geometry: polygon\n")
                    .append(
                            "    method: synthetic\n    source: test\n    licence: CC0-1.0\n    accuracy: none\n    authoritative: false\n");
            Files.writeString(
                    dir.resolve("z" + l + ".geojson"),
                    "{\"type\":\"FeatureCollection\",\"features\":[" + feature("f" + l, SQUARE, PROVENANCE) + "]}");
        }
        Files.writeString(dir.resolve("atlas.yaml"), manifest);
        assertThat(new AtlasLoader().load(dir).layers())
                .extracting(Layer::id)
                .containsExactly("z0", "z1", "z2", "z3", "z4", "z5");
        for (int l : new int[] {4, 1}) {
            Files.writeString(
                    dir.resolve("z" + l + ".geojson"),
                    "{\"type\":\"FeatureCollection\",\"features\":["
                            + feature("f" + l, SQUARE, "\"method\":\"guessed\"") + "]}");
        }
        assertThatThrownBy(() -> new AtlasLoader().load(dir))
                .isInstanceOfSatisfying(
                        AtlasLoadException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        dir.resolve("z1.geojson")
                                                + ": feature 'f1': provenance 'method' must be surveyed, derived, schematic or synthetic",
                                        dir.resolve("z4.geojson")
                                                + ": feature 'f4': provenance 'method' must be surveyed, derived, schematic or synthetic"));
    }
}
