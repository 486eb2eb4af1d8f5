package liuyu.api.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import liuyu.quality.Intake;
import liuyu.testing.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The row and sample limits of one request (docs/limits.md), at the limit and one over: 10,000 observations are
 * stored, 10,001 are refused with 413 naming the member and the limit and nothing is stored; the same for
 * classified samples; and observations for an outfall read from CSV like those of a section.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "liuyu.quality.demo-observations=false")
@ActiveProfiles("dev") // the development user monitor/monitor
@Tag("integration")
class BatchLimitsTest {
    /** Written out rather than read from Intake.MAX_ROWS: the documented limit is what is tested. */
    static final int LIMIT = 10_000;

    static final String OUTFALL = "syn-of-02"; // a demo outfall, in the ledger seeded from the demo atlas

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    static String observations(String prefix, int n) {
        List<String> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(
                    ("{\"id\": \"%s-%d\", \"sampledAt\": \"2025-06-05T09:30:00+08:00\", \"parameter\": \"COD\", \"value\": 12,"
                                    + " \"unit\": \"mg/L\", \"source\": \"manual\", \"method\": \"HJ 828-2017\", \"sampler\": \"张三\", \"analyst\": \"李四\","
                                    + " \"reviewer\": \"王五\", \"signatory\": \"赵六\"}")
                            .formatted(prefix, i));
        }
        return "{\"observations\": [" + String.join(",", rows) + "]}";
    }

    long stored(String site) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM observation WHERE site_id = ?", Long.class, site);
    }

    @Test
    void tenThousandObservationsAreStoredAndOneMoreIsRefusedWith413NamingTheLimitStoringNothing() throws Exception {
        Http http = new Http(port);
        Http.Reply over =
                http.postJson("/sections/gubeikou/observations", observations("over", LIMIT + 1), Http.MONITOR);
        assertThat(over.status()).as(over.text()).isEqualTo(413);
        assertThat(over.contentType()).startsWith("application/problem+json");
        assertThat(over.body().path("parameter").asString()).isEqualTo("observations");
        assertThat(over.body().path("limit").asInt()).isEqualTo(LIMIT);
        assertThat(over.body().path("detail").asString()).isEqualTo("at most 10000 rows per request, got 10001");
        assertThat(stored("gubeikou")).as("nothing half-written").isZero();

        Http.Reply at = http.postJson("/sections/gubeikou/observations", observations("at", LIMIT), Http.MONITOR);
        assertThat(at.status()).as(at.text()).isEqualTo(201);
        assertThat(at.body().path("stored").asInt()).isEqualTo(LIMIT);
        assertThat(stored("gubeikou")).isEqualTo(LIMIT);
        assertThat(Intake.MAX_ROWS).as("the code's limit is the documented one").isEqualTo(LIMIT);
    }

    @Test
    void tenThousandSamplesAreClassifiedAndOneMoreIsRefusedWith413NamingTheLimit() throws Exception {
        Http http = new Http(port);
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM observation", Long.class);
        Http.Reply at = http.postJson("/quality/classify", samples(LIMIT), null);
        assertThat(at.status()).as(at.text()).isEqualTo(200);
        assertThat(at.body().path("count").asInt()).isEqualTo(LIMIT);
        // COD 12 mg/L meets the class I limit of GB 3838-2002 Table 1 (15 mg/L)
        assertThat(at.body()
                        .path("results")
                        .get(LIMIT - 1)
                        .path("assessment")
                        .path("waterClass")
                        .asString())
                .isEqualTo("I");

        Http.Reply over = http.postJson("/quality/classify", samples(LIMIT + 1), null);
        assertThat(over.status()).as(over.text()).isEqualTo(413);
        assertThat(over.contentType()).startsWith("application/problem+json");
        assertThat(over.body().path("parameter").asString()).isEqualTo("samples");
        assertThat(over.body().path("limit").asInt()).isEqualTo(LIMIT);
        assertThat(over.body().path("detail").asString())
                .isEqualTo("samples must be an array of 1 to 10000 samples, got 10001");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM observation", Long.class))
                .as("classifying stores nothing")
                .isEqualTo(before);
    }

    static String samples(int n) {
        return "{\"waterbody\": \"river\", \"samples\": ["
                + String.join(",", java.util.Collections.nCopies(n, "{\"values\": {\"COD\": 12}}")) + "]}";
    }

    @Test
    void observationsOfAnOutfallAreReadFromCsvAndTooManyRowsAre413() throws Exception {
        Http http = new Http(port);
        String header = "id,sampledAt,parameter,value,unit,source,method,sampler,analyst,reviewer,signatory\n";
        String csv = header
                + "of-1,2025-07-10T10:00:00+08:00,COD,27,mg/L,manual,HJ 828-2017,张三,李四,王五,赵六\n"
                + "of-2,2025-07-10T10:00:00+08:00,flow,1200,m³/d,manual,HJ 91.1-2019,张三,李四,王五,赵六\n";
        Http.Reply ok = http.post("/outfalls/" + OUTFALL + "/observations", "text/csv", csv, Http.MONITOR);
        assertThat(ok.status()).as(ok.text()).isEqualTo(201);
        assertThat(ok.body().path("siteId").asString()).isEqualTo(OUTFALL);
        assertThat(ok.body().path("stored").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForList(
                        "SELECT parameter_code FROM observation WHERE site_id = ? ORDER BY observation_id",
                        String.class,
                        OUTFALL))
                .containsExactly("COD", "flow");

        StringBuilder many = new StringBuilder(header);
        for (int i = 0; i <= LIMIT; i++) {
            many.append("big-")
                    .append(i)
                    .append(",2025-07-11T10:00:00+08:00,COD,27,mg/L,manual,HJ 828-2017,张三,李四,王五,赵六\n");
        }
        Http.Reply over =
                http.post("/outfalls/" + OUTFALL + "/observations", "text/csv", many.toString(), Http.MONITOR);
        assertThat(over.status()).as(over.text()).isEqualTo(413);
        assertThat(over.body().path("parameter").asString()).isEqualTo("body");
        assertThat(over.body().path("limit").asInt()).isEqualTo(LIMIT);
        assertThat(stored(OUTFALL)).as("nothing of the refused batch").isEqualTo(2);
    }
}
