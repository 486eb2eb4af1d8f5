package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

/**
 * HTTP Basic costs a string compare, not a BCrypt round, per request (issue 22): a known user's password is not
 * "upgraded" to BCrypt on its first login (after which every request paid a BCrypt match), and an unknown user is
 * checked against a dummy encoded as the users are. The oracle for "cheap" is BCrypt itself, timed in this test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:basic-cost;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "liuyu.quality.demo-observations=false"
        })
@ActiveProfiles("dev")
@Tag("integration")
class BasicCredentialCostTest {
    private static final int REQUESTS = 40;

    @LocalServerPort
    int port;

    @Autowired
    UserDetailsService users;

    @Autowired
    PasswordEncoder encoder;

    private final HttpClient http = HttpClient.newHttpClient();

    int get(String credentials) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/quality/parameters"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()))
                .build();
        return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Test
    void aKnownUsersPasswordStaysAsStoredAfterLoggingIn() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("monitor:monitor")).isEqualTo(200);
        }
        assertThat(users.loadUserByUsername("monitor").getPassword()).isEqualTo("{noop}monitor");
        assertThat(encoder.upgradeEncoding("{noop}monitor")).isFalse();
        assertThat(encoder.encode("dummy")).isEqualTo("{noop}dummy");
        // a BCrypt password, were one configured, is still read
        assertThat(encoder.matches("s3cret", "{bcrypt}" + new BCryptPasswordEncoder().encode("s3cret")))
                .isTrue();
    }

    @Test
    void basicRequestsOfKnownAndUnknownUsersCostLessThanHalfWhatTheirBCryptMatchesWould() throws Exception {
        for (int i = 0; i < REQUESTS; i++) { // warm-up: class loading and JIT are not what is measured
            get("monitor:monitor");
            get("nobody-" + i + ":guess");
        }
        long t0 = processCpuNanos();
        for (int i = 0; i < REQUESTS; i++) {
            assertThat(get("monitor:monitor")).isEqualTo(200);
            assertThat(get("nobody-" + i + ":guess")).isEqualTo(401);
        }
        long served = processCpuNanos() - t0;
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        String hash = bcrypt.encode("guess");
        long t1 = processCpuNanos();
        for (int i = 0; i < 2 * REQUESTS; i++) {
            bcrypt.matches("guess", hash);
        }
        long bcryptCost = processCpuNanos() - t1;
        assertThat(served)
                .as(
                        "CPU of %d Basic requests vs %d BCrypt matches (%d ms)",
                        2 * REQUESTS, 2 * REQUESTS, bcryptCost / 1_000_000)
                .isLessThan(bcryptCost / 2);
    }
}
