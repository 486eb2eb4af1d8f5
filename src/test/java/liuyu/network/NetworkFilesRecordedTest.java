package liuyu.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming import (flowlines read once for the network, again for the layer file) answers exactly as the
 * importer that kept every feature did: its network, warnings, refusals and layer file bytes were recorded by
 * {@link NetworkFilesRecording} on the commit before the rewrite (dadebe9) and are compared here.
 */
class NetworkFilesRecordedTest {
    @TempDir
    Path dir;

    static Stream<NetworkFilesRecording.Case> cases() {
        return NetworkFilesRecording.CASES.stream();
    }

    private String recorded(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/network-recorded/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void inputs() throws IOException {
        for (String name : new String[] {
            "nhdplus-v2.flowlines.geojson",
            "nhdplus-v2.vaa.csv",
            "nhdplus-v2.vaa.geojson",
            "hydrorivers.geojson",
            "generic.geojson",
            "snapped.geojson"
        }) {
            Files.writeString(dir.resolve(name), recorded(name), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theNetworkTheWarningsAndTheLayerFileAreWhatTheImporterKeepingEveryFeatureGave(NetworkFilesRecording.Case c)
            throws IOException {
        inputs();
        NetworkFiles.Result r = NetworkFilesRecording.read(dir, c);
        assertThat(NetworkFilesRecording.dump(r)).isEqualTo(recorded(c.name() + ".network.txt"));
        ByteArrayOutputStream layer = new ByteArrayOutputStream();
        NetworkFiles.write(r, NetworkFilesRecording.spec(), layer);
        assertThat(layer.toString(StandardCharsets.UTF_8)).isEqualTo(recorded(c.name() + ".layer.geojson"));
        if (c.skipInvalid()) {
            assertThat(NetworkFilesRecording.refused(dir, c)).isEqualTo(recorded(c.name() + ".refused.txt"));
        } else {
            assertThatThrownBy(() -> NetworkFilesRecording.refused(dir, c)).isInstanceOf(AssertionError.class);
        }
    }
}
