package liuyu.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoadException;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.AtlasStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload (what PostgisAtlasReloader and the admin reload do: {@link AtlasStore#replace}) that brings broken
 * network data: the network built before stays in service, so navigation keeps answering, and the refused
 * snapshot is reported with every problem; the network form a layer declares in atlas.yaml wins over the setting.
 */
class NetworkReloadTest {
    @TempDir
    Path dir;

    static final NetworkProperties DEFAULTS = new NetworkProperties("rivers", "catchments", 1000, 5);

    @Test
    void aBrokenNetworkInALaterSnapshotKeepsThePreviousNetworkAndIsReported() throws IOException {
        Atlas good = new AtlasLoader().load(Path.of("gis"));
        Atlas broken = new AtlasLoader().load(NetworkStartTest.brokenDemoAtlas(dir));
        AtlasStore store = new AtlasStore(good);
        NetworkService networks = new NetworkService(store, DEFAULTS);
        int before = networks.current()
                .navigate(Start.reach("chao-1"), Mode.DM, Double.POSITIVE_INFINITY, Semantics.NLDI)
                .reaches()
                .size();
        assertThat(networks.refused()).isNull();

        store.replace(broken);

        RiverNetwork served = networks.current();
        assertThat(served.atlas()).isSameAs(good);
        assertThat(served.navigate(Start.reach("chao-1"), Mode.DM, Double.POSITIVE_INFINITY, Semantics.NLDI)
                        .reaches())
                .hasSize(before);
        NetworkService.Refused refused = networks.refused();
        assertThat(refused.atlasVersion()).isEqualTo(broken.version());
        assertThat(refused.problems())
                .anyMatch(p -> p.contains("bad-type: feature 'miyun-path-qingshui': mainstem must be text, got 7"));
        assertThat(networks.current())
                .as("the refused snapshot is not rebuilt on every call")
                .isSameAs(served);

        Atlas fixed = new AtlasLoader().load(Path.of("gis"));
        store.replace(fixed);
        assertThat(networks.current().atlas().version()).isEqualTo(fixed.version());
        assertThat(networks.current().atlas()).isSameAs(store.current());
        assertThat(networks.refused()).isNull();
    }

    @Test
    void theFirstBuildStillRefusesToStart() throws IOException {
        Atlas broken = new AtlasLoader().load(NetworkStartTest.brokenDemoAtlas(dir));
        assertThatThrownBy(() -> new NetworkService(new AtlasStore(broken), DEFAULTS))
                .isInstanceOf(NetworkImportException.class);
    }

    private Path withRiversNetwork(String entry) throws IOException {
        Path atlas = NetworkStartTest.demoAtlasCopy(dir);
        Path manifest = atlas.resolve("atlas.yaml");
        String yaml = Files.readString(manifest);
        String withForm = yaml.replace("  - id: rivers\n", "  - id: rivers\n    " + entry + "\n");
        assertThat(withForm).isNotEqualTo(yaml);
        Files.writeString(manifest, withForm);
        return atlas;
    }

    @Test
    void aFormDeclaredOnTheLayerInAtlasYamlWinsOverTheSetting() throws IOException {
        // the demo's rivers carry 'downstream', so they are detected as generic; declared snapped, they are joined by
        // their ends
        Atlas detected = new AtlasLoader().load(Path.of("gis"));
        assertThat(RiverNetwork.of(detected, DEFAULTS).form()).isEqualTo(LineImporter.Form.GENERIC);

        Atlas declared = new AtlasLoader().load(withRiversNetwork("network: {form: snapped}"));
        assertThat(declared.layer("rivers").info().networkForm()).isEqualTo("snapped");
        RiverNetwork network = RiverNetwork.of(declared, DEFAULTS);
        assertThat(network.form()).isEqualTo(LineImporter.Form.SNAPPED);
        assertThat(network.formReason()).startsWith("declared");
    }

    @Test
    void anUnknownFormOrKeyIsRefusedNamingTheLayer() throws IOException {
        Atlas bad = new AtlasLoader().load(withRiversNetwork("network: {form: nhdplus-v3}"));
        assertThatThrownBy(() -> RiverNetwork.of(bad, DEFAULTS))
                .isInstanceOf(NetworkImportException.class)
                .hasMessageContaining(
                        "layer 'rivers': network: form: network form 'nhdplus-v3' is not one of auto, nhdplus-v2");
        Files.walk(dir)
                .sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        assertThatThrownBy(() -> new AtlasLoader().load(withRiversNetwork("network: {shape: snapped}")))
                .isInstanceOf(AtlasLoadException.class)
                .hasMessageContaining("layer 'rivers': network: unknown field 'shape' (known: form)")
                .hasMessageContaining("layer 'rivers': network: 'form' missing");
    }
}
