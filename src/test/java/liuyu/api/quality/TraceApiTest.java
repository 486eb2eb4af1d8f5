package liuyu.api.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import liuyu.testing.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * 联动溯源 (beijing-outfall-supervision-2023/4.2) on the bundled demo atlas and its river network, with the synthetic demo
 * observations: 榆林庄 on the North Canal falls worse than V in July 2025, so the outfalls upstream
 * of it (on the Wenyu, upper North Canal and Liangshui reaches) are listed nearest first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("integration")
class TraceApiTest {
    @LocalServerPort
    int port;

    @Test
    void aSectionWorseThanItsTargetAndLastMonthListsTheOutfallsUpstreamNearestFirstWithTheirLatestMonitoring()
            throws Exception {
        JsonNode t = new Http(port)
                .get("/sections/yulinzhuang/trace?period=2025-07&distance=200")
                .body();
        assertThat(t.path("waterClass").asString()).isEqualTo("worse-than-V");
        assertThat(t.path("previousPeriod").asString()).isEqualTo("2025-06");
        assertThat(t.path("reasons").toString())
                .contains("worse than the target IV")
                .contains("in 2025-06");
        List<String> ids = new ArrayList<>();
        double last = -1;
        for (JsonNode o : t.path("outfalls")) {
            ids.add(o.path("id").asString());
            assertThat(o.path("networkDistanceKm").asDouble()).isGreaterThanOrEqualTo(last);
            last = o.path("networkDistanceKm").asDouble();
            assertThat(o.path("river").asString()).isIn("beiyun", "wenyu", "liangshui");
        }
        assertThat(ids).contains("syn-of-12", "syn-of-16").doesNotContain("syn-of-02", "syn-of-18");
        JsonNode flowing = outfall(t, "syn-of-12");
        assertThat(flowing.path("latestMonitoring").path("synthetic").asBoolean())
                .isTrue();
        assertThat(flowing.path("latestMonitoring").path("values").path("NH3-N").asString())
                .endsWith("mg/L");
        assertThat(outfall(t, "syn-of-11").path("latestMonitoring").isMissingNode())
                .as("not normally flowing: never sampled")
                .isTrue();
        assertThat(t.path("notes").toString()).contains("non-authoritative").contains("SYNTHETIC");
    }

    @Test
    void theDistanceBoundsTheOutfallsFound() throws Exception {
        Http http = new Http(port);
        int near = http.get("/sections/yulinzhuang/trace?period=2025-07&distance=2")
                .body()
                .path("outfalls")
                .size();
        int far = http.get("/sections/yulinzhuang/trace?period=2025-07&distance=200")
                .body()
                .path("outfalls")
                .size();
        assertThat(near).isLessThan(far);
    }

    @Test
    void aSectionNoWorseThanItsTargetOrLastMonthHasNothingToTrace() throws Exception {
        JsonNode t = new Http(port)
                .get("/sections/gubeikou/trace?period=2025-07&distance=50")
                .body();
        assertThat(t.path("reasons")).isEmpty();
        assertThat(t.path("outfalls")).isEmpty();
        assertThat(t.path("notes").toString()).contains("nothing to trace");
    }

    @Test
    void badTraceRequestsNameTheParameter() throws Exception {
        Http http = new Http(port);
        assertThat(http.get("/sections/yulinzhuang/trace?period=2025-07")
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("distance");
        assertThat(http.get("/sections/yulinzhuang/trace?period=2025-07&distance=0")
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("distance");
        assertThat(http.get("/sections/yulinzhuang/trace?period=2025-07&distance=9999")
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/sections/yulinzhuang/trace?distance=10")
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("period");
        assertThat(http.get("/sections/nowhere/trace?period=2025-07&distance=10")
                        .status())
                .isEqualTo(404);
    }

    private static JsonNode outfall(JsonNode trace, String id) {
        for (JsonNode o : trace.path("outfalls")) {
            if (o.path("id").asString().equals(id)) {
                return o;
            }
        }
        throw new AssertionError("no outfall " + id + " in " + trace.path("outfalls"));
    }
}
