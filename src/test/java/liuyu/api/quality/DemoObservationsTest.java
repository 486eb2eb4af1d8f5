package liuyu.api.quality;

import static org.assertj.core.api.Assertions.assertThat;

import liuyu.atlas.AtlasStore;
import liuyu.quality.DemoObservations;
import liuyu.quality.ObservationStore;
import liuyu.quality.Sections;
import liuyu.testing.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The synthetic demo observations: labelled synthetic, at target before, deteriorating in the 2025 flood season. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/quality-demo-atlas"})
@Tag("integration")
class DemoObservationsTest {
    @LocalServerPort
    int port;

    @Autowired
    Sections sections;

    @Autowired
    ObservationStore store;

    @Autowired
    AtlasStore atlases;

    @Test
    void demoSectionsMeetTheirTargetBeforeAndTheNorthCanalSectionsFallWorseThanVInTheFloodSeason() throws Exception {
        Http http = new Http(port);
        JsonNode june = http.get("/sections/yulinzhuang/quality?period=2025-06").body();
        assertThat(june.path("synthetic").asBoolean()).isTrue();
        assertThat(june.path("notes").toString()).contains("SYNTHETIC");
        assertThat(june.path("meetsTarget").asBoolean()).isTrue();
        JsonNode july = http.get("/sections/yulinzhuang/quality?period=2025-07").body();
        assertThat(july.path("periodMean").path("waterClass").asString()).isEqualTo("worse-than-V");
        assertThat(july.path("periodMean").path("classSetting").toString())
                .contains("NH3-N")
                .contains("TP");
        for (String id : new String[] {"gubeikou", "miyun-reservoir", "yanhecheng"}) {
            for (String period : new String[] {"2024", "2025-07"}) {
                assertThat(http.get("/sections/" + id + "/quality?period=" + period)
                                .body()
                                .path("meetsTarget")
                                .asBoolean())
                        .as(id + " " + period)
                        .isTrue();
            }
        }
        JsonNode obs = http.get("/sections/gubeikou/observations?period=2025-06")
                .body()
                .path("observations")
                .get(0);
        assertThat(obs.path("source").path("kind").asString()).isEqualTo("synthetic");
        assertThat(obs.path("recordedBy").asString()).isEqualTo(DemoObservations.USER);
        JsonNode targets = http.get("/quality/targets?year=2025").body();
        assertThat(targets.path("miyunTotalNitrogen").path("lower").asBoolean()).isTrue();
        assertThat(targets.path("notes").toString()).contains("SYNTHETIC");
    }

    @Test
    void seedingAgainStoresNothing() {
        assertThat(new DemoObservations(sections, atlases, store).seed()).isZero();
    }
}
