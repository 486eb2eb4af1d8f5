package liuyu.api.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import liuyu.testing.Http;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV in UTF-8, UTF-8 with BOM, GBK and GB18030 and XLSX bodies with Chinese headers, made here byte
 * by byte; names must come back from the store byte for byte, and undecodable text is never stored.
 */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/quality-atlas", "liuyu.quality.demo-observations=false"})
@Tag("integration")
class TabularBodiesTest {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // 𠮷 (U+20BB7) is outside GBK: GB18030 writes it in four bytes
    static final String NAMES = "张三,李四,王五,赵六";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        jdbc.execute("DELETE FROM observation");
    }

    record Reply(int status, JsonNode body) {}

    Reply post(String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .header("Authorization", Http.MONITOR)
                .header("X-Liuyu-Client", "test")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    static String ingestCsv(String signatory) {
        return "编号,采样时间,监测项目,监测值,单位,来源,分析方法,采样人,分析人,审核人,授权签字人\r\n"
                + "g-1,2025-06-05T09:30:00+08:00,氨氮,1.35,mg/L,manual,HJ 535-2009,张三,李四,王五," + signatory + "\r\n"
                + "g-2,2025-06-05T09:30:00+08:00,总磷,38,μg/L,manual,GB 11893-89,张三,李四,王五," + signatory + "\r\n";
    }

    long rows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM observation", Long.class);
    }

    void assertSignatory(String expected) {
        List<String> stored =
                jdbc.queryForList("SELECT signatory FROM observation ORDER BY observation_id", String.class);
        assertThat(stored).hasSize(2);
        for (String s : stored) {
            assertThat(s.getBytes(StandardCharsets.UTF_8)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(jdbc.queryForObject(
                        "SELECT parameter_code FROM observation WHERE observation_id = 'g-1'", String.class))
                .isEqualTo("NH3-N");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-8", "UTF-8 with BOM", "GBK", "GB18030", "GBK declared", "GB18030 declared"})
    void aCsvInEachChineseEncodingIsStoredWithItsNamesByteForByte(String encoding) throws Exception {
        String name = encoding.startsWith("GB18030") ? "𠮷六" : "赵六";
        String text = ingestCsv(name);
        byte[] body = switch (encoding) {
            case "UTF-8" -> text.getBytes(StandardCharsets.UTF_8);
            case "UTF-8 with BOM" -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
            case "GBK", "GBK declared" -> text.getBytes(Charset.forName("GBK"));
            default -> text.getBytes(Charset.forName("GB18030"));
        };
        String type = encoding.endsWith("declared") ? "text/csv; charset=" + encoding.split(" ")[0] : "text/csv";
        Reply r = post("/sections/yulinzhuang/observations", type, body);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        assertThat(r.body().path("stored").asInt()).isEqualTo(2);
        assertSignatory(name);
    }

    @Test
    void textThatDoesNotDecodeIsRefusedAndNothingIsStored() throws Exception {
        byte[] gbk = ingestCsv("赵六").getBytes(Charset.forName("GBK"));
        // declared UTF-8, but GBK bytes: refused, not stored as replacement characters
        Reply declared = post("/sections/yulinzhuang/observations", "text/csv; charset=UTF-8", gbk);
        assertThat(declared.status()).isEqualTo(400);
        assertThat(declared.body().path("detail").asString()).contains("not valid UTF-8");
        // neither UTF-8 nor GB18030: a lone 0xFF byte
        byte[] broken = ingestCsv("赵六").getBytes(StandardCharsets.UTF_8);
        broken[broken.length - 8] = (byte) 0xFF;
        Reply detected = post("/sections/yulinzhuang/observations", "text/csv", broken);
        assertThat(detected.status()).isEqualTo(400);
        assertThat(detected.body().path("detail").asString()).contains("neither UTF-8 nor GB18030");
        Reply latin = post("/sections/yulinzhuang/observations", "text/csv; charset=ISO-8859-1", gbk);
        assertThat(latin.status()).isEqualTo(400);
        assertThat(latin.body().path("parameter").asString()).isEqualTo("charset");
        // JSON must be UTF-8: invalid bytes in a JSON body are refused too
        byte[] json = QualityApiTest.batch(QualityApiTest.row("j-1", "2025-06-05T09:30:00+08:00", "TP", "0.1", "mg/L"))
                .getBytes(Charset.forName("GBK"));
        assertThat(post("/sections/yulinzhuang/observations", "application/json", json)
                        .status())
                .isEqualTo(400);
        assertThat(rows()).isZero();
    }

    static byte[] workbook(String[][] cells) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "liuyu-test", "1.0");
        Worksheet ws = wb.newWorksheet("Sheet1");
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < cells[r].length; c++) {
                String v = cells[r][c];
                if (v == null) {
                    continue;
                }
                if (v.startsWith("#")) {
                    ws.value(r, c, new java.math.BigDecimal(v.substring(1))); // a number cell
                } else {
                    ws.value(r, c, v);
                }
            }
        }
        wb.finish();
        return out.toByteArray();
    }

    @Test
    void anXlsxWithChineseHeadersIsStoredWithItsNamesByteForByte() throws Exception {
        byte[] xlsx = workbook(new String[][] {
            {"编号", "采样时间", "监测项目", "监测值", "单位", "来源", "采样人", "分析人", "审核人", "授权签字人"},
            {"g-1", "2025-06-05T09:30:00+08:00", "氨氮", "#1.35", "mg/L", "manual", "张三", "李四", "王五", "𠮷六"},
            {"g-2", "2025-06-05T09:30:00+08:00", "总磷", "38", "μg/L", "manual", "张三", "李四", "王五", "𠮷六"}
        });
        Reply r = post("/sections/yulinzhuang/observations", XLSX, xlsx);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        assertSignatory("𠮷六");
        assertThat(jdbc.queryForObject(
                        "SELECT reported_value FROM observation WHERE observation_id = 'g-1'", String.class))
                .isEqualTo("1.35");
        assertThat(jdbc.queryForObject(
                        "SELECT measured_value FROM observation WHERE observation_id = 'g-2'", String.class))
                .isEqualTo("0.038");
        Reply notXlsx = post("/sections/yulinzhuang/observations", XLSX, "编号\n".getBytes(StandardCharsets.UTF_8));
        assertThat(notXlsx.status()).isEqualTo(400);
        assertThat(rows()).isEqualTo(2);
    }

    static final String CNEMC_HEADER = "省份,流域,断面名称,监测时间,水质类别,水温(℃),pH(无量纲),溶解氧(mg/L),电导率(μS/cm),浊度(NTU),"
            + "高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L),叶绿素α(mg/L),藻密度(cells/L),站点情况";
    static final String CNEMC_ROWS =
            "北京市,海河流域,古北口,2025-06-05 08:00,Ⅱ,22.1,8.12,8.46,456.7,3.2,2.31,0.107,0.046,1.23,0.0023,1.2E+06,正常\n"
                    + "北京市,海河流域,榆林庄,2025-06-05 08:00,劣Ⅴ,25.0,7.65,4.10,--,--,7.2,2.45,0.31,--,--,--,维护\n";

    static void assertCnemcClasses(JsonNode reply) {
        JsonNode results = reply.path("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("id").asString()).isEqualTo("古北口 2025-06-05 08:00");
        assertThat(results.get(0).path("publishedClass").asString()).isEqualTo("Ⅱ");
        // river: pH in 6–9, DO 8.46 → I, CODMn 2.31 → II, NH3-N 0.107 → I, TP 0.046 → II
        JsonNode a = results.get(0).path("assessment");
        assertThat(a.path("waterClass").asString()).isEqualTo("II");
        assertThat(a.path("classSetting").toString()).isEqualTo("[\"CODMn\",\"TP\"]");
        assertThat(QualityApiTest.factor(a, "DO").path("waterClass").asString()).isEqualTo("I");
        assertThat(QualityApiTest.factor(a, "NH3-N").path("waterClass").asString())
                .isEqualTo("I");
        assertThat(a.path("notEvaluated").toString())
                .contains("conductivity")
                .contains("algal-density")
                .contains("TN");
        // DO 4.10 → IV, CODMn 7.2 → IV, NH3-N 2.45 → worse than V, TP 0.31 → V
        JsonNode b = results.get(1).path("assessment");
        assertThat(b.path("waterClass").asString()).isEqualTo("worse-than-V");
        assertThat(b.path("classSetting").toString()).isEqualTo("[\"NH3-N\"]");
        assertThat(QualityApiTest.factor(b, "DO").path("waterClass").asString()).isEqualTo("IV");
        assertThat(QualityApiTest.factor(b, "CODMn").path("waterClass").asString())
                .isEqualTo("IV");
        assertThat(QualityApiTest.factor(b, "TP").path("waterClass").asString()).isEqualTo("V");
        assertThat(b.path("missingValues").findValuesAsString("marker")).containsExactly("--", "--", "--", "--", "--");
    }

    @Test
    void aCnemcTableIsClassedFromCsvInGbk() throws Exception {
        byte[] gbk = (CNEMC_HEADER + "\n" + CNEMC_ROWS).getBytes(Charset.forName("GBK"));
        Reply r = post("/quality/classify?waterbody=river", "text/csv", gbk);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertCnemcClasses(r.body());
        Reply unknownColumn = post(
                "/quality/classify?waterbody=river",
                "text/csv",
                "总磷(mg/L),颜色\n0.1,红\n".getBytes(StandardCharsets.UTF_8));
        assertThat(unknownColumn.status()).isEqualTo(400);
        assertThat(unknownColumn.body().path("detail").asString()).contains("'颜色'");
        Reply badCell = post(
                "/quality/classify?waterbody=river", "text/csv", "总磷(mg/L)\nabc\n".getBytes(StandardCharsets.UTF_8));
        assertThat(badCell.status()).isEqualTo(400);
        assertThat(badCell.body().path("parameter").asString()).isEqualTo("总磷(mg/L)");
        assertThat(badCell.body().path("detail").asString()).startsWith("row 1: ");
    }

    @Test
    void aCnemcTableIsClassedFromXlsx() throws Exception {
        String[] header = CNEMC_HEADER.split(",");
        String[][] cells = new String[3][];
        cells[0] = header;
        String[] lines = CNEMC_ROWS.split("\n");
        for (int r = 0; r < 2; r++) {
            String[] row = lines[r].split(",", -1);
            for (int c = 5; c < 16; c++) {
                if (!row[c].equals("--") && !row[c].contains("E")) {
                    row[c] = "#" + row[c]; // numbers as number cells, the way a spreadsheet holds them
                }
            }
            cells[r + 1] = row;
        }
        Reply r = post("/quality/classify?waterbody=river", XLSX, workbook(cells));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertCnemcClasses(r.body());
    }
}
