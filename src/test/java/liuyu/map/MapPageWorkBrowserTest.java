package liuyu.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A planner's day on the map page: logs in with a development user, checks a project, records the report, finds
 * it in the list, opens it and prints it (the PDF the service renders). Its own in-memory database, so the list
 * starts empty.
 */
@ActiveProfiles("dev") // the development users
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties =
                "spring.datasource.url=jdbc:h2:mem:map-work;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class MapPageWorkBrowserTest {
    @LocalServerPort
    int port;

    MapPageDriver page;

    @BeforeAll
    void start() throws IOException {
        page = new MapPageDriver(port);
        page.size(1280, 900);
    }

    @AfterAll
    void stop() {
        page.close();
    }

    private void login(String user, String password) {
        WebElement name = page.find("#login-user");
        name.clear();
        name.sendKeys(user);
        page.find("#login-password").sendKeys(password);
        page.find("#login-go").click();
    }

    @Test
    void aPlannerLogsInRecordsAReportFindsItOpensItAndPrintsIt() throws Exception {
        page.open("/map/");
        login("planner", "wrong");
        assertThat(page.waitFor("#login-status[data-state='refused']").getDomProperty("textContent"))
                .contains("Wrong user or password");
        page.find("#login-password").clear();
        login("planner", "planner");
        page.waitFor("#login-status[data-state='in']");
        assertThat(page.waitFor("#reports-list[data-count]").getDomAttribute("data-count"))
                .isEqualTo("0");

        new Select(page.find("#activity")).selectByValue("construction-residential");
        page.zoomTo(116.95, 40.52, 12);
        page.find("#draw-point").click();
        page.waitFor("body[data-mode='draw']");
        page.clickAt(116.95, 40.52);
        WebElement report = page.waitFor("#report[data-verdict]");
        assertThat(report.getDomAttribute("data-verdict")).isEqualTo("FORBIDDEN");
        page.find("#applicant").sendKeys("密云某房地产公司");
        page.find("#record-report").click();
        String number = page.waitFor("#report[data-recorded]").getDomAttribute("data-recorded");
        assertThat(number).matches("LY-\\d{4}-\\d{6}");

        WebElement listed = page.waitFor("#reports-list li[data-report='" + number + "']");
        assertThat(listed.getText()).contains("密云某房地产公司").contains("planner");
        assertThat(page.find("#reports-list").getDomAttribute("data-count")).isEqualTo("1");
        listed.findElement(org.openqa.selenium.By.cssSelector("[data-open]")).click();
        WebElement view = page.waitFor("#report-view[data-report='" + number + "']");
        assertThat(view.getText()).contains("密云区").contains("miyun-water-ecology-2023/2.3.2.2");
        page.shot("20-work-report-opened");

        page.find("#reports-list li[data-report='" + number + "'] [data-print]").click();
        WebElement printed = page.waitFor("#report-view[data-pdf-head]");
        assertThat(printed.getDomAttribute("data-pdf-head")).isEqualTo("%PDF-");
        assertThat(printed.getDomAttribute("data-pdf-type")).isEqualTo("application/pdf");
        assertThat(Integer.parseInt(printed.getDomAttribute("data-pdf-bytes"))).isGreaterThan(1000);
        page.shot("21-work-printed");

        page.find("#logout").click();
        assertThat(page.find("body").getDomAttribute("data-user")).isNull();
        assertThat(page.find("#session").getDomAttribute("hidden")).isNotNull();
    }

    @Test
    void aWrongPasswordFromAScriptIsA401WithoutTheBasicChallengeThatWouldOpenTheBrowsersDialog() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String wrong = "Basic "
                + java.util.Base64.getEncoder().encodeToString("planner:wrong".getBytes(StandardCharsets.UTF_8));
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/check-reports"))
                .header("Authorization", wrong);
        var script = client.send(
                request.copy().header("X-Requested-With", "XMLHttpRequest").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).isEmpty();
        var plain = client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(401);
        assertThat(plain.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"liuyu\"");
    }

    @Test
    void aUserWithoutAReportRoleIsToldSo() throws Exception {
        page.open("/map/");
        login("viewer", "viewer");
        WebElement status = page.waitFor("#login-status[data-state='in']");
        new WebDriverWait(page.browser, MapPageDriver.WAIT)
                .until(d -> status.getDomProperty("textContent").contains("may not read check reports"));
    }

    @Test
    void aMonitorUploadsACsvOfObservationsForTheSectionChosenOnTheMap() throws Exception {
        Path csv = Files.createTempFile("observations", ".csv");
        Files.writeString(csv, """
            id,sampledAt,parameter,value,unit,source,deviceId,lastCalibration,abnormal,abnormalCause
            map-up-1,2025-06-12T10:00:00+08:00,NH3-N,0.42,mg/L,automatic,NH3-77,2025-06-01,,
            map-up-2,2025-06-12T10:00:00+08:00,DO,7.4,mg/L,automatic,DO-3,2025-06-01,,
            """, StandardCharsets.UTF_8);
        page.open("/map/");
        login("monitor", "monitor");
        page.waitFor("#login-status[data-state='in']");
        double lon = 116.6627756; // the section beiguanzha of the demo atlas
        double lat = 39.919173;
        page.zoomTo(lon, lat, 13);
        page.clickAt(lon, lat);
        page.waitFor("#answer .here-features li[data-layer='sections'][data-id='beiguanzha'] button")
                .click();
        page.waitFor("#network[data-id='beiguanzha'] #upload-file")
                .sendKeys(csv.toAbsolutePath().toString());
        page.find("#upload-go").click();
        WebElement status = page.waitFor("#upload-status[data-stored]");
        assertThat(status.getDomAttribute("data-stored")).isEqualTo("2");
        assertThat(status.getDomProperty("textContent")).contains("monitor");
        page.shot("22-work-upload");
        Files.delete(csv);
    }
}
