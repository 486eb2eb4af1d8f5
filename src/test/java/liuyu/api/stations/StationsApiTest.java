package liuyu.api.stations;

import static org.assertj.core.api.Assertions.assertThat;

import liuyu.stations.StationSimulatorAccess;
import liuyu.stations.StationsConfiguration;
import liuyu.testing.Http;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** The receiver wired into the service: registry checked against the atlas, packets in, observations and packet logs out over HTTP. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liuyu.atlas.dir=src/test/resources/quality-atlas",
            "spring.datasource.url=jdbc:h2:mem:stations-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "liuyu.quality.demo-observations=false",
            "liuyu.hj212.port=0",
            "liuyu.hj212.stations=src/test/resources/stations/stations.yaml"
        })
@ActiveProfiles("dev")
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // one database for both: the first reads the log as it left it
class StationsApiTest {
    static final String MN = "LYTEST00000000000API0001";

    @LocalServerPort
    int port;

    @Autowired
    StationsConfiguration.Receiver receiver;

    @Test
    @Order(1)
    void aPacketSentOverTcpIsReadBackOverHttpAndItsLogIsForMonitorsOnly() throws Exception {
        Http http = new Http(port);
        Http.Reply stations = http.get("/stations");
        assertThat(stations.body().path("listening").asBoolean()).isTrue();
        assertThat(stations.body().path("port").asInt()).isEqualTo(receiver.port());
        assertThat(stations.body().path("stations").get(0).path("mn").asString())
                .isEqualTo(MN);
        assertThat(stations.text()).doesNotContain("bcrypt");

        String ack = StationSimulatorAccess.sendAndAnswer(
                receiver.port(),
                "QN=20250612110000123;ST=21;CN=2061;PW=t3st01;MN=" + MN
                        + ";Flag=5;CP=&&DataTime=20250612100000;w21003-Avg=0.42,w21003-Flag=N;w21011-Avg=0.061,w21011-Flag=M&&");
        assertThat(ack).contains("CN=9014");

        Http.Reply observations = http.get("/sections/gubeikou/observations?period=2025-06");
        assertThat(observations.status()).isEqualTo(200);
        assertThat(observations.text())
                .contains("\"kind\":\"hj212\"")
                .contains("\"deviceId\":\"" + MN + "\"")
                .contains("HJ 212 flag M: maintenance (维护)");

        assertThat(http.get("/stations/" + MN + "/packets").status()).isEqualTo(401);
        assertThat(http.get("/stations/" + MN + "/packets", Http.basic("viewer", "viewer"))
                        .status())
                .isEqualTo(403);
        Http.Reply packets = http.get("/stations/" + MN + "/packets", Http.MONITOR);
        assertThat(packets.status()).isEqualTo(200);
        assertThat(packets.body().path("packets").get(0).path("outcome").asString())
                .isEqualTo("stored");
        assertThat(packets.body().path("packets").get(0).path("observations").asInt())
                .isEqualTo(2);
        assertThat(packets.body().path("packets").get(0).path("raw").asString()).contains("PW=******;");
        Http.Reply bad = http.get("/stations/" + MN + "/packets?outcome=lost", Http.MONITOR);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("parameter").asString()).isEqualTo("outcome");
    }

    @Test
    @Order(2)
    void aCommandGoesToTheConnectedStationForMonitorsAndOperatorsOnly() throws Exception {
        Http http = new Http(port);
        String path = "/stations/" + MN + "/commands";
        String getTime = "{\"command\": \"get-time\"}";
        assertThat(http.postJson(path, getTime, null).status()).isEqualTo(401);
        assertThat(http.postJson(path, getTime, Http.basic("viewer", "viewer")).status())
                .isEqualTo(403);
        Http.Reply bad = http.postJson(path, "{\"command\": \"reboot\"}", Http.MONITOR);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("parameter").asString()).isEqualTo("command");
        Http.Reply badPol = http.postJson(path, "{\"command\": \"get-time\", \"polId\": \"COD\"}", Http.MONITOR);
        assertThat(badPol.status()).isEqualTo(400);
        assertThat(badPol.body().path("parameter").asString()).isEqualTo("polId");
        Http.Reply unknown = http.postJson(path, "{\"command\": \"get-time\", \"at\": 1}", Http.MONITOR);
        assertThat(unknown.body().path("parameter").asString()).isEqualTo("at");
        Http.Reply absent = http.postJson(path, getTime, Http.MONITOR);
        assertThat(absent.status()).as("not connected").isEqualTo(409);
        assertThat(absent.body().path("parameter").asString()).isEqualTo("mn");
        try (StationSimulatorAccess.Connected station = new StationSimulatorAccess.Connected(receiver.port())) {
            station.send("QN=20250612120000123;ST=21;CN=2061;PW=t3st01;MN=" + MN
                    + ";Flag=5;CP=&&DataTime=20250612110000;w21003-Avg=0.40,w21003-Flag=N&&");
            assertThat(station.answer(5000)).contains("CN=9014");
            // operator holds OPERATOR in profile dev
            Http.Reply sent = http.postJson(path, getTime, Http.basic("operator", "operator"));
            assertThat(sent.status()).isEqualTo(202);
            String qn = sent.body().path("qn").asString();
            assertThat(sent.body().path("cn").asString()).isEqualTo("1011");
            assertThat(station.answer(5000))
                    .startsWith("##")
                    .contains("QN=" + qn + ";ST=21;CN=1011;PW=t3st01;MN=" + MN + ";Flag=5;CP=&&&&");
            station.send("QN=" + qn + ";ST=91;CN=9011;PW=t3st01;MN=" + MN + ";Flag=4;CP=&&QnRtn=1&&");
            Http.Reply log = http.get("/stations/" + MN + "/packets?limit=2", Http.MONITOR);
            for (int i = 0; i < 100 && !log.text().contains("9011"); i++) {
                Thread.sleep(20);
                log = http.get("/stations/" + MN + "/packets?limit=2", Http.MONITOR);
            }
            assertThat(log.body().path("packets").get(0).path("outcome").asString())
                    .isEqualTo("received");
            assertThat(log.body().path("packets").get(0).path("qn").asString()).isEqualTo(qn);
            assertThat(log.body().path("packets").get(0).path("detail").asString())
                    .isEqualTo("request answer: QnRtn=1 ready to execute");
            assertThat(log.body().path("packets").get(1).path("outcome").asString())
                    .isEqualTo("sent");
            assertThat(log.body().path("packets").get(1).path("detail").asString())
                    .isEqualTo("by operator: read the station's clock (提取现场机时间)");
        }
    }

    @Test
    @Order(3)
    void theMinimumMaximumAndTotalOfAnHourAreReadBackPagedForMonitorsAndOperatorsOnly() throws Exception {
        Http http = new Http(port);
        String ack = StationSimulatorAccess.sendAndAnswer(
                receiver.port(),
                "QN=20250613110000123;ST=21;CN=2061;PW=t3st01;MN=" + MN
                        + ";Flag=5;CP=&&DataTime=20250613100000;"
                        + "w21003-Min=0.38,w21003-Avg=0.42,w21003-Max=0.47,w21003-Cou=0.0151,w21003-Flag=N;"
                        + "w21011-Min=0.050,w21011-Avg=0.061,w21011-Max=0.070,w21011-Flag=N&&");
        assertThat(ack).contains("CN=9014");
        String path = "/stations/" + MN + "/summaries?from=2025-06-13T00:00:00%2B08:00&to=2025-06-14T00:00:00%2B08:00";
        assertThat(http.get(path).status()).isEqualTo(401);
        assertThat(http.get(path, Http.basic("viewer", "viewer")).status()).isEqualTo(403);

        Http.Reply all = http.get(path, Http.basic("operator", "operator"));
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().path("numberMatched").asLong()).isEqualTo(2);
        assertThat(all.body().hasNonNull("next")).isFalse();
        JsonNode nh3n = all.body().path("summaries").get(0);
        String id = "hj212:" + MN + ":2061:20250613100000:";
        assertThat(nh3n.path("observationId").asString()).isEqualTo(id + "w21003");
        assertThat(nh3n.path("siteId").asString()).isEqualTo("gubeikou");
        assertThat(nh3n.path("parameter").asString()).isEqualTo("NH3-N");
        assertThat(nh3n.path("cn").asString()).isEqualTo("2061");
        assertThat(nh3n.path("average").asString()).isEqualTo("0.42");
        assertThat(nh3n.path("unit").asString()).isEqualTo("mg/L");
        assertThat(nh3n.path("minValue").asString()).isEqualTo("0.38");
        assertThat(nh3n.path("maxValue").asString()).isEqualTo("0.47");
        assertThat(nh3n.path("totalValue").asString()).isEqualTo("0.0151");
        assertThat(nh3n.path("totalUnit").asString()).isEqualTo("kg");
        JsonNode tp = all.body().path("summaries").get(1);
        assertThat(tp.path("observationId").asString()).isEqualTo(id + "w21011");
        assertThat(tp.path("minValue").asString()).isEqualTo("0.050");
        assertThat(tp.path("maxValue").asString()).isEqualTo("0.070");
        assertThat(tp.hasNonNull("totalValue")).isFalse();

        Http.Reply first = http.get(path + "&limit=1", Http.MONITOR);
        assertThat(first.body().path("summaries").size()).isEqualTo(1);
        String next = first.body().path("next").asString();
        assertThat(next).contains("limit=1").contains("offset=1");
        Http.Reply second = http.get(next, Http.MONITOR);
        assertThat(second.body().path("summaries").get(0).path("parameter").asString())
                .isEqualTo("TP");
        assertThat(second.body().hasNonNull("next")).isFalse();
        Http.Reply onlyTp = http.get(path + "&parameter=%E6%80%BB%E7%A3%B7", Http.MONITOR); // 总磷
        assertThat(onlyTp.body().path("numberMatched").asLong()).isEqualTo(1);
        assertThat(onlyTp.body().path("parameter").asString()).isEqualTo("TP");
        // the day before holds the first test's packet, sent without extremes or totals
        Http.Reply before = http.get("/stations/" + MN + "/summaries?to=2025-06-13T00:00:00%2B08:00", Http.MONITOR);
        assertThat(before.body().path("numberMatched").asLong()).isZero();

        String[][] bad = {
            {"?from=yesterday", "from"},
            {"?from=2025-06-14T00:00:00Z&to=2025-06-13T00:00:00Z", "to"},
            {"?parameter=unobtainium", "parameter"},
            {"?limit=0", "limit"},
            {"?offset=-1", "offset"}
        };
        for (String[] b : bad) {
            Http.Reply r = http.get("/stations/" + MN + "/summaries" + b[0], Http.MONITOR);
            assertThat(r.status()).as(b[0]).isEqualTo(400);
            assertThat(r.contentType()).as(b[0]).startsWith("application/problem+json");
            assertThat(r.body().path("parameter").asString()).as(b[0]).isEqualTo(b[1]);
        }
    }
}
