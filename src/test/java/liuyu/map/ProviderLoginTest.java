package liuyu.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The map page's provider-login settings: off without a client id, the issuer defaulted, bad values refused. */
class ProviderLoginTest {
    @Test
    void offWithoutAClientIdAndTheResourceServersIssuerByDefault() {
        assertThat(ProviderLogin.of(null, null, "https://sso.example.gov.cn/realms/liuyu", null))
                .isNull();
        assertThat(ProviderLogin.of(" ", "https://a.example", null, null)).isNull();
        ProviderLogin login = ProviderLogin.of("liuyu-map", "", "https://sso.example.gov.cn/realms/liuyu/", null);
        assertThat(login)
                .isEqualTo(new ProviderLogin("https://sso.example.gov.cn/realms/liuyu", "liuyu-map", "openid"));
        assertThat(login.origin()).isEqualTo("https://sso.example.gov.cn");
    }

    @Test
    void itsOwnIssuerWinsAndTheOriginKeepsAPortThatIsNotTheDefault() {
        ProviderLogin login = ProviderLogin.of(
                "map", "https://Login.Example.org:8443/auth", "https://other.example", "openid profile");
        assertThat(login.issuer()).isEqualTo("https://Login.Example.org:8443/auth");
        assertThat(login.origin()).isEqualTo("https://login.example.org:8443");
        assertThat(login.scope()).isEqualTo("openid profile");
        assertThat(ProviderLogin.of("map", "https://a.example:443", null, null).origin())
                .isEqualTo("https://a.example");
        assertThat(ProviderLogin.of("map", "http://localhost:9000", null, null).origin())
                .isEqualTo("http://localhost:9000");
    }

    @Test
    void aClientIdWithoutAUsableIssuerOrWithoutOpenidStopsStartUpWithTheReason() {
        assertThatThrownBy(() -> ProviderLogin.of("map", null, null, null))
                .hasMessage("liuyu.map.login.client-id is set but there is no issuer: set liuyu.map.login.issuer or "
                        + "spring.security.oauth2.resourceserver.jwt.issuer-uri (docs/map.md)");
        assertThatThrownBy(() -> ProviderLogin.of("map", "http://sso.example.gov.cn", null, null))
                .hasMessage("liuyu.map.login.issuer must be an https URL (http only on localhost), got: "
                        + "http://sso.example.gov.cn");
        assertThatThrownBy(() -> ProviderLogin.of("map", "https://a.example", null, "profile email"))
                .hasMessage("liuyu.map.login.scope must include openid, got: profile email");
    }
}
