package liuyu.api.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import liuyu.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production access: a JWT resource server. The issuer's key is a local RSA key (what an OIDC
 * issuer's JWK set would hold); roles come from the "roles" claim, the recorded user from "sub".
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/quality-atlas", "liuyu.quality.demo-observations=false"})
@Tag("integration")
class JwtAccessTest {
    static final KeyPair ISSUER = rsa();
    static final KeyPair STRANGER = rsa();

    @DynamicPropertySource
    static void issuerKey(DynamicPropertyRegistry registry) throws Exception {
        Path pem = Files.createTempFile("liuyu-issuer", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(
                pem,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(ISSUER.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
    }

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String bearer(KeyPair key, String subject, List<String> roles) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", roles)
                .issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return "Bearer " + jwt.serialize();
    }

    @Test
    void aTokenWithTheMonitorRoleMayWriteAndItsSubjectIsRecorded() throws Exception {
        Http.Reply r = http.postJson(
                "/sections/gubeikou/observations", AccessTest.BODY, bearer(ISSUER, "li.hua@miyun", List.of("MONITOR")));
        assertThat(r.status()).isIn(200, 201);
        assertThat(http.get("/sections/gubeikou/observations/acc-1")
                        .body()
                        .path("history")
                        .get(0)
                        .path("recordedBy")
                        .asString())
                .isEqualTo("li.hua@miyun");
    }

    @Test
    void aTokenWithoutTheRoleIs403() throws Exception {
        Http.Reply r = http.postJson(
                "/sections/gubeikou/observations", AccessTest.BODY, bearer(ISSUER, "guest", List.of("VIEWER")));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aTokenSignedByAnotherKeyOrNoTokenIs401AndTheDevelopmentUsersAreOff() throws Exception {
        Http.Reply forged = http.postJson(
                "/sections/gubeikou/observations", AccessTest.BODY, bearer(STRANGER, "mallory", List.of("MONITOR")));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(forged.wwwAuthenticate()).startsWith("Bearer");
        Http.Reply none = http.postJson("/sections/gubeikou/observations", AccessTest.BODY, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(http.postJson("/sections/gubeikou/observations", AccessTest.BODY, Http.MONITOR)
                        .status())
                .isEqualTo(401);
    }
}
