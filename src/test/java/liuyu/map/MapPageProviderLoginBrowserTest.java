package liuyu.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import liuyu.testing.IdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production login on the map page: the service as deployed (no development profile; JWTs from the issuer, roles
 * from the "roles" claim) beside a real OpenID Connect provider, Spring Authorization Server on its own port with a
 * login form and the page registered as a public client with PKCE required. A planner logs in through the provider's
 * form, records a check and lists it; a wrong or expired token returns the page to logged out; logout ends the
 * provider's session too. Each test has its own browser (so its own provider session).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:map-provider-login;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "liuyu.map.login.client-id=liuyu-map"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class MapPageProviderLoginBrowserTest {
    static final IdentityProvider PROVIDER = IdentityProvider.start(
            Map.of("planner", List.of("planner-pw", "PLANNER"), "viewer", List.of("viewer-pw")), Duration.ofMinutes(5));

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", PROVIDER::issuer);
    }

    @LocalServerPort
    int port;

    MapPageDriver page;

    @BeforeAll
    void register() {
        PROVIDER.registerPublicClient("liuyu-map", "http://127.0.0.1:" + port + "/map/", "http://127.0.0.1:" + port);
    }

    @AfterAll
    void stopProvider() {
        PROVIDER.close();
    }

    @BeforeEach
    void browser() throws Exception {
        page = new MapPageDriver(port);
        page.size(1280, 900);
    }

    @AfterEach
    void closeBrowser() {
        page.close();
    }

    /** Through the provider's own login form (its page, its origin), back to the map page logged in. */
    private void logInThroughTheProvider(String user, String password) {
        page.waitFor("body[data-login='provider'] #idp-login").click();
        WebElement name = page.waitFor("input#username");
        assertThat(page.browser.getCurrentUrl()).startsWith(PROVIDER.issuer() + "/login");
        name.sendKeys(user);
        page.find("input#password").sendKeys(password);
        page.find("button[type='submit']").click();
        page.waitFor("body[data-ready='true']");
    }

    @Test
    void aPlannerLogsInThroughTheProviderRecordsACheckListsItAndPrintsIt() throws Exception {
        page.open("/map/?lon=116.95&lat=40.52");
        assertThat(page.find("#login-form").getDomAttribute("hidden")).isNotNull();
        logInThroughTheProvider("planner", "planner-pw");
        page.waitFor("#login-status[data-state='in']");
        assertThat(page.find("body").getDomAttribute("data-user")).isEqualTo("planner");
        // the code is off the address bar; the deep link the person was on is back
        assertThat(page.browser.getCurrentUrl()).isEqualTo("http://127.0.0.1:" + port + "/map/?lon=116.95&lat=40.52");
        assertThat(page.waitFor("#reports-list[data-count]").getDomAttribute("data-count"))
                .isEqualTo("0");
        page.shot("23-provider-logged-in");

        // the deep link's own answer first, as a person would see it before drawing
        page.waitFor("#answer[data-lon]:not([data-loading])");
        new Select(page.find("#activity")).selectByValue("construction-residential");
        page.zoomTo(116.95, 40.52, 12);
        page.find("#draw-point").click();
        page.waitFor("body[data-mode='draw']");
        page.clickAt(116.95, 40.52);
        assertThat(page.waitFor("#report[data-verdict]").getDomAttribute("data-verdict"))
                .isEqualTo("FORBIDDEN");
        page.find("#applicant").sendKeys("密云某房地产公司");
        page.find("#record-report").click();
        String number = page.waitFor("#report[data-recorded]").getDomAttribute("data-recorded");
        assertThat(number).matches("LY-\\d{4}-\\d{6}");
        WebElement listed = page.waitFor("#reports-list li[data-report='" + number + "']");
        // recorded by the token's subject: the service took the provider's user
        assertThat(listed.getText()).contains("密云某房地产公司").contains("planner");
        assertThat(page.find("#reports-list").getDomAttribute("data-count")).isEqualTo("1");
        page.find("#reports-list li[data-report='" + number + "'] [data-print]").click();
        assertThat(page.waitFor("#report-view[data-pdf-head]").getDomAttribute("data-pdf-head"))
                .isEqualTo("%PDF-");

        // the token is a real one of the provider, sent as Bearer: the service answers it without the page
        String token = (String) page.js("return JSON.parse(sessionStorage.getItem('liuyu.idp.session')).accessToken;");
        HttpResponse<String> direct = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/check-reports"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.body()).contains(number);

        // logout ends the provider's session too: logging in again asks for the password again
        page.js("window.beforeLogout = true;");
        page.find("#logout").click();
        // through the provider's end-session endpoint and back: a new document of the map page
        new WebDriverWait(page.browser, MapPageDriver.WAIT)
                .until(d -> Boolean.TRUE.equals(page.js(
                        "return window.beforeLogout === undefined" + " && document.body.dataset.ready === 'true';")));
        page.waitFor("#login-status[data-state='out']");
        assertThat(page.browser.getCurrentUrl()).startsWith("http://127.0.0.1:" + port + "/map/");
        assertThat(page.find("body").getDomAttribute("data-user")).isNull();
        assertThat(page.js("return sessionStorage.getItem('liuyu.idp.session');"))
                .isNull();
        page.find("#idp-login").click();
        page.waitFor("input#username");
        assertThat(page.browser.getCurrentUrl()).startsWith(PROVIDER.issuer() + "/login");
    }

    @Test
    void aWrongTokenOrAnExpiredOneReturnsThePageToLoggedOut() throws Exception {
        page.open("/map/");
        logInThroughTheProvider("planner", "planner-pw");
        page.waitFor("#login-status[data-state='in']");
        String stored = (String) page.js("return sessionStorage.getItem('liuyu.idp.session');");

        // a token the issuer never signed: the service answers 401, the page logs out and offers the login again
        page.js(
                "const s = JSON.parse(arguments[0]); s.accessToken = s.accessToken.slice(0, -4) + 'AAAA';"
                        + " sessionStorage.setItem('liuyu.idp.session', JSON.stringify(s));",
                stored);
        page.open("/map/");
        WebElement status = page.waitFor("#login-status[data-state='out']");
        assertThat(status.getDomProperty("textContent")).contains("登录已失效");
        assertThat(page.find("body").getDomAttribute("data-user")).isNull();
        assertThat(page.find("#idp").getDomAttribute("hidden")).isNull();
        assertThat(page.js("return sessionStorage.getItem('liuyu.idp.session');"))
                .isNull();

        // the real token past its expiry time: dropped without asking the service
        page.js(
                "const s = JSON.parse(arguments[0]); s.expiresAt = Date.now() - 1000;"
                        + " sessionStorage.setItem('liuyu.idp.session', JSON.stringify(s));",
                stored);
        page.open("/map/");
        assertThat(page.waitFor("#login-status[data-state='out']").getDomProperty("textContent"))
                .contains("登录已过期");
        assertThat(page.find("body").getDomAttribute("data-user")).isNull();

        // a token refused in the middle of work (revoked, expired early): the next request logs the page out
        page.js("sessionStorage.setItem('liuyu.idp.session', arguments[0]);", stored);
        page.open("/map/");
        page.waitFor("#login-status[data-state='in']");
        page.js("const s = JSON.parse(sessionStorage.getItem('liuyu.idp.session'));"
                + " window.liuyu.work.auth = 'Bearer ' + s.accessToken.slice(0, -4) + 'AAAA';");
        page.find("#reports-refresh").click();
        new WebDriverWait(page.browser, MapPageDriver.WAIT)
                .until(d -> "out".equals(page.find("#login-status").getDomAttribute("data-state")));
        assertThat(page.find("body").getDomAttribute("data-user")).isNull();
    }

    @Test
    void thePolicyLetsThePageConnectToTheProviderOnlyAndPostFormsOnlyToItself() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/map/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String policy = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("connect-src 'self' " + PROVIDER.issuer() + ";")
                .contains("form-action 'self';")
                .contains("script-src 'self';");
        HttpResponse<String> config = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/map/config"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(config.body())
                .contains("\"login\":{\"issuer\":\"" + PROVIDER.issuer()
                        + "\",\"clientId\":\"liuyu-map\",\"scope\":\"openid\"}");
    }
}
