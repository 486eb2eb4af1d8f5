package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The NLDI-shaped navigation API on the bundled demo atlas: known answers and every kind of bad request. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("integration")
class NavigationApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    record Reply(int status, String contentType, JsonNode body) {}

    Reply get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), JSON.readTree(r.body()));
    }

    static List<String> ids(Reply r) {
        List<String> ids = new ArrayList<>();
        for (JsonNode f : r.body().path("features")) {
            ids.add(f.path("id").asString());
        }
        return ids;
    }

    static JsonNode feature(Reply r, String id) {
        for (JsonNode f : r.body().path("features")) {
            if (f.path("id").asString().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + id + " in " + r.body());
    }

    static String point(double lon, double lat) {
        return URLEncoder.encode("POINT(" + lon + " " + lat + ")", StandardCharsets.UTF_8);
    }

    @Test
    void outfallsUpstreamOfTheMiyunReservoirSectionAreTheSyntheticOnesOnChaoBaiAndTang() throws Exception {
        Reply r = get("/linked-data/sections/miyun-reservoir/navigation/UT/outfalls?distance=500");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/geo+json");
        assertThat(ids(r)).containsExactlyInAnyOrder("syn-of-01", "syn-of-02", "syn-of-03", "syn-of-04", "syn-of-05");
        JsonNode of01 = feature(r, "syn-of-01");
        assertThat(of01.path("properties").path("comid").asString()).isEqualTo("chao-1");
        assertThat(of01.path("properties").path("navigationDistanceKm").asDouble())
                .isPositive();
        assertThat(of01.path("geometry").path("type").asString()).isEqualTo("Point");
    }

    @Test
    void sectionsUpstreamOfTheReservoirIncludeGubeikou() throws Exception {
        Reply r = get("/linked-data/sections/miyun-reservoir/navigation/UT/sections?distance=500");
        assertThat(ids(r)).contains("gubeikou", "miyun-reservoir").doesNotContain("miyun-town-landscape");
        assertThat(feature(r, "miyun-reservoir")
                        .path("properties")
                        .path("navigationDistanceKm")
                        .asDouble())
                .isZero();
    }

    @Test
    void downstreamMainFromGubeikouReachesTheReservoirAndTheChaobaiButNotTheCanal() throws Exception {
        Reply r = get("/linked-data/sections/gubeikou/navigation/DM/flowlines?distance=500");
        assertThat(ids(r))
                .containsExactly("chao-1", "chao-2", "miyun-path-chao", "miyun-path-outlet", "bai-3", "chaobai-1");
        assertThat(feature(r, "chao-2")
                        .path("properties")
                        .path("navigationDistanceKm")
                        .asDouble())
                .isEqualTo(9.7);
    }

    @Test
    void downstreamWithDiversionsFromTheReservoirFollowsTheJingmiCanal() throws Exception {
        Reply r = get("/linked-data/sections/miyun-reservoir/navigation/DD/flowlines?distance=500");
        assertThat(ids(r)).contains("bai-3", "chaobai-1", "jingmi-1", "jingmi-2");
    }

    @Test
    void aReachIsReturnedWhenAnyPartOfItLiesWithinTheDistance() throws Exception {
        // from the whole of chao-1 (9.7 km) downstream distance counts from its upstream end:
        // chao-2 begins at 9.7 km, miyun-path-chao at 9.7 + 20 = 29.7 km
        assertThat(ids(get("/linked-data/comid/chao-1/navigation/DM/flowlines?distance=9.7")))
                .containsExactly("chao-1", "chao-2");
        assertThat(ids(get("/linked-data/reaches/chao-1/navigation/DM/flowlines?distance=29.6")))
                .containsExactly("chao-1", "chao-2");
        assertThat(ids(get("/linked-data/reaches/chao-1/navigation/DM/flowlines?distance=29.7")))
                .containsExactly("chao-1", "chao-2", "miyun-path-chao");
    }

    @Test
    void upstreamMainFollowsTheLevelPathOfTheStart() throws Exception {
        // chao-2's level path is 潮河: UM goes up chao-1 only
        assertThat(ids(get("/linked-data/reaches/chao-2/navigation/UM/flowlines?distance=100")))
                .containsExactly("chao-2", "chao-1");
    }

    static double planarLength(JsonNode lineString) {
        JsonNode c = lineString.path("coordinates");
        double length = 0;
        for (int i = 1; i < c.size(); i++) {
            length += Math.hypot(
                    c.get(i).get(0).asDouble() - c.get(i - 1).get(0).asDouble(),
                    c.get(i).get(1).asDouble() - c.get(i - 1).get(1).asDouble());
        }
        return length;
    }

    @Test
    void trimStartCutsTheStartReachAtTheFeaturesMeasureAsNldiDoes() throws Exception {
        double measure = feature(get("/linked-data/outfalls/syn-of-01"), "syn-of-01")
                .path("properties")
                .path("measure")
                .asDouble();
        assertThat(measure).isStrictlyBetween(0.0, 100.0);
        JsonNode whole = feature(get("/linked-data/reaches/chao-1"), "chao-1").path("geometry");
        JsonNode down = feature(
                        get("/linked-data/outfalls/syn-of-01/navigation/DM/flowlines?distance=&trimStart=true"),
                        "chao-1")
                .path("geometry");
        JsonNode up = feature(
                        get("/linked-data/outfalls/syn-of-01/navigation/UM/flowlines?distance=&trimStart=true"),
                        "chao-1")
                .path("geometry");
        // downstream keeps the measure's share of the line, ending where the line ends; upstream the rest, from its
        // start
        assertThat(planarLength(down) / planarLength(whole))
                .isCloseTo(measure / 100, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(planarLength(up) / planarLength(whole))
                .isCloseTo(1 - measure / 100, org.assertj.core.data.Offset.offset(1e-4));
        JsonNode w = whole.path("coordinates");
        assertThat(down.path("coordinates").get(down.path("coordinates").size() - 1))
                .isEqualTo(w.get(w.size() - 1));
        assertThat(up.path("coordinates").get(0)).isEqualTo(w.get(0));
        // without trimStart (NLDI's default) the whole line
        assertThat(feature(get("/linked-data/outfalls/syn-of-01/navigation/DM/flowlines?distance="), "chao-1")
                        .path("geometry"))
                .isEqualTo(whole);
        // a tolerance above the part that would be cut off leaves it whole (downstream: 100 − measure is cut off)
        assertThat(feature(
                                get(
                                        "/linked-data/outfalls/syn-of-01/navigation/DM/flowlines?distance=&trimStart=true&trimTolerance="
                                                + Math.ceil(100 - measure + 1)),
                                "chao-1")
                        .path("geometry"))
                .isEqualTo(whole);
    }

    @Test
    void pointToPointReturnsThePathToTheStop() throws Exception {
        Reply r = get("/linked-data/sections/gubeikou/navigation/PP/flowlines?distance=9999&stopComid=jingmi-2");
        assertThat(ids(r))
                .containsExactly("chao-1", "chao-2", "miyun-path-chao", "miyun-path-outlet", "jingmi-1", "jingmi-2");
    }

    @Test
    void thePositionEndpointFindsTheNearestReachAndNavigationCanStartThere() throws Exception {
        Reply r = get("/linked-data/comid/position?coords=" + point(117.1542583, 40.6496065));
        assertThat(ids(r)).containsExactly("chao-1");
        assertThat(feature(r, "chao-1").path("properties").path("measure").asDouble())
                .isBetween(0.0, 100.0);
        Reply down = get("/linked-data/comid/position/navigation/DM/outfalls?distance=20&coords="
                + point(117.1542583, 40.6496065));
        assertThat(ids(down)).startsWith("syn-of-01", "syn-of-02");
    }

    @Test
    void linkedDataListsReachesAndEveryPointLayerAndEachFeatureCarriesItsMeasure() throws Exception {
        Reply sources = get("/linked-data");
        List<String> names = new ArrayList<>();
        sources.body().forEach(s -> names.add(s.path("source").asString()));
        assertThat(names).contains("reaches", "sections", "outfalls");
        Reply gubeikou = get("/linked-data/sections/gubeikou");
        JsonNode props = feature(gubeikou, "gubeikou").path("properties");
        assertThat(props.path("comid").asString()).isEqualTo("chao-1");
        assertThat(props.path("measure").asDouble())
                .isEqualTo(100.0); // at the upstream end: NHDPlus measures from downstream
        assertThat(props.path("nameZh").asString()).isEqualTo("古北口");
        assertThat(ids(get("/linked-data/reaches"))).contains("jingmi-1", "chaobai-1");
        assertThat(get("/linked-data/reaches/chao-1/navigation")
                        .body()
                        .path("upstreamTributaries")
                        .asString())
                .endsWith("/linked-data/reaches/chao-1/navigation/UT");
    }

    @ParameterizedTest(name = "distance={0}")
    @CsvSource({"''", "0", "-5", "10000", "abc", "NaN"})
    void aDistanceThatIsMissingNotPositiveOrAbove9999IsABadRequestNamingDistance(String distance) throws Exception {
        Reply r = get("/linked-data/sections/gubeikou/navigation/DM/flowlines"
                + (distance.isEmpty() ? "" : "?distance=" + distance));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("parameter").asString()).isEqualTo("distance");
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({
        "/linked-data/rivers/x/navigation/UT/flowlines?distance=10, 404, source",
        "/linked-data/sections/nowhere/navigation/UT/flowlines?distance=10, 404, id",
        "/linked-data/reaches/nowhere/navigation/UT/flowlines?distance=10, 404, id",
        "/linked-data/sections/nowhere, 404, id",
        "/linked-data/nowhere, 404, source",
        "/linked-data/sections/gubeikou/navigation/XX/flowlines?distance=10, 400, mode",
        "/linked-data/sections/gubeikou/navigation/UT/wells?distance=10, 404, dataSource",
        "/linked-data/sections/gubeikou/navigation/PP/flowlines?distance=10, 400, stopComid",
        "/linked-data/sections/gubeikou/navigation/DM/flowlines?distance=10&stopComid=chao-2, 400, stopComid",
        "/linked-data/sections/miyun-reservoir/navigation/PP/flowlines?distance=10&stopComid=chao-1, 400, stopComid",
        "/linked-data/sections/gubeikou/navigation/PP/flowlines?distance=10&stopComid=nowhere, 404, stopComid",
        "/linked-data/sections/gubeikou/basin, 404, basin",
        "/linked-data/comid/position, 400, coords",
        "/linked-data/comid/position?coords=116.9%2040.5, 400, coords",
        "/linked-data/comid/position?coords=POINT(200%2040), 400, coords",
        "/linked-data/comid/position?coords=POINT(100%2010), 404, coords",
        "/linked-data/comid/chao-1/navigation/DM/flowlines?distance=10&trimStart=true, 400, trimStart",
        "/linked-data/outfalls/syn-of-01/navigation/DM/flowlines?distance=10&trimStart=maybe, 400, trimStart",
        "/linked-data/outfalls/syn-of-01/navigation/DM/sections?distance=10&trimStart=true, 400, trimStart",
        "/linked-data/outfalls/syn-of-01/navigation/DM/flowlines?distance=10&trimStart=true&trimTolerance=101, 400, trimTolerance",
    })
    void badRequestsAreProblemsNamingTheParameter(String path, int status, String parameter) throws Exception {
        Reply r = get(path);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("parameter").asString()).isEqualTo(parameter);
        assertThat(r.body().path("detail").asString()).isNotBlank();
    }

    @Test
    void theBasinAnswerSaysWhyThereIsNone() throws Exception {
        Reply r = get("/linked-data/sections/miyun-reservoir/basin");
        assertThat(r.body().path("detail").asString()).contains("no catchment layer");
    }

    @Test
    void anEmptyDistanceMeansNoLimitAsInNldi() throws Exception {
        Reply unlimited = get("/linked-data/sections/miyun-reservoir/navigation/UT/flowlines?distance=");
        assertThat(unlimited.status()).isEqualTo(200);
        assertThat(ids(unlimited))
                .containsExactlyInAnyOrderElementsOf(
                        ids(get("/linked-data/sections/miyun-reservoir/navigation/UT/flowlines?distance=9999")));
        assertThat(ids(get("/linked-data/sections/miyun-reservoir/navigation/UT/outfalls?distance=")))
                .containsExactlyInAnyOrder("syn-of-01", "syn-of-02", "syn-of-03", "syn-of-04", "syn-of-05");
    }

    @Test
    void theLegacyNavigatePathsAnswerAsTheNavigationOnesWithNoDistanceMeaning9999Km() throws Exception {
        Reply legacy = get("/linked-data/sections/gubeikou/navigate/DD");
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(ids(legacy))
                .containsExactlyInAnyOrderElementsOf(
                        ids(get("/linked-data/sections/gubeikou/navigation/DD/flowlines?distance=9999")));
        assertThat(ids(get("/linked-data/sections/miyun-reservoir/navigate/UT/outfalls?distance=500")))
                .containsExactlyInAnyOrderElementsOf(
                        ids(get("/linked-data/sections/miyun-reservoir/navigation/UT/outfalls?distance=500")));
    }

    @Test
    void semanticsLiuyuCountsEachFeaturesOwnPositionWhereNldiReturnsEveryFeatureOfTheStartReach() throws Exception {
        // 古北口 lies at the upstream end of chao-1 (measure 100): NLDI navigates from the whole reach, so
        // a DM search returns every outfall of chao-1; Liuyu only those below the section within 1 km
        List<String> nldi = ids(get("/linked-data/sections/gubeikou/navigation/DM/outfalls?distance=1"));
        List<String> liuyu =
                ids(get("/linked-data/sections/gubeikou/navigation/DM/outfalls?distance=1&semantics=liuyu"));
        assertThat(ids(get("/linked-data/sections/gubeikou/navigation/DM/outfalls?distance=1&semantics=NLDI")))
                .isEqualTo(nldi);
        List<String> onChao1 = new ArrayList<>();
        for (JsonNode f : get("/linked-data/outfalls").body().path("features")) {
            if (f.path("properties").path("comid").asString().equals("chao-1")) {
                onChao1.add(f.path("id").asString());
            }
        }
        assertThat(onChao1).isNotEmpty();
        assertThat(nldi).containsAll(onChao1);
        assertThat(liuyu).hasSizeLessThan(nldi.size());
        Reply bad = get("/linked-data/sections/gubeikou/navigation/DM/outfalls?distance=1&semantics=usgs");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("parameter").asString()).isEqualTo("semantics");
    }

    /** The provenance "source" is where the feature came from (gis/atlas.yaml); NLDI's source id has its own member. */
    @Test
    void linkedDataFeaturesKeepTheirProvenanceSourceAndNameTheNldiSourceApart() throws Exception {
        JsonNode section =
                feature(get("/linked-data/sections/gubeikou"), "gubeikou").path("properties");
        assertThat(section.path("source").asString())
                .isEqualTo("Liuyu demo (gis/sources/DemoAtlas.java); names from public monitoring releases");
        assertThat(section.path("nldiSource").asString()).isEqualTo("sections");
        assertThat(section.path("method").asString()).isEqualTo("schematic");
        JsonNode reach = get("/linked-data/sections/gubeikou/navigation/DM/flowlines?distance=500")
                .body()
                .path("features")
                .get(0)
                .path("properties");
        assertThat(reach.path("nldiSource").asString()).isEqualTo("reaches");
        assertThat(reach.path("source").asString()).isNotEqualTo("reaches").isNotBlank();
        assertThat(reach.has("authoritative")).isTrue();
    }

    @Test
    void linkedDataSaysHowTheNetworkWasReadAndHowEachFeatureWasLinked() throws Exception {
        JsonNode reaches = get("/linked-data").body().get(0);
        assertThat(reaches.path("source").asString()).isEqualTo("reaches");
        assertThat(reaches.path("network").path("form").asString()).isEqualTo("generic");
        assertThat(reaches.path("network").path("formReason").asString()).contains("downstream");
        assertThat(reaches.path("network").path("catchments").asBoolean()).isFalse();
        assertThat(reaches.path("network").path("defaultSemantics").asString()).isEqualTo("nldi");
        assertThat(get("/linked-data").body().get(1).has("network")).isFalse();
        // demo sections declare their reach
        assertThat(feature(get("/linked-data/sections/gubeikou"), "gubeikou")
                        .path("properties")
                        .path("linkMethod")
                        .asString())
                .isEqualTo("declared");
        // the demo has no catchments: a position goes to the nearest reach, and says so
        assertThat(feature(get("/linked-data/comid/position?coords=" + point(117.1542583, 40.6496065)), "chao-1")
                        .path("properties")
                        .path("linkMethod")
                        .asString())
                .isEqualTo("nearest");
    }
}
