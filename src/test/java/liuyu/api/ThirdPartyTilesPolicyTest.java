package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import liuyu.map.ProviderLogin;
import liuyu.map.ThirdPartyTiles;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The optional third-party tiles setting and the Content-Security-Policy it opens: only the configured hosts. */
class ThirdPartyTilesPolicyTest {
    static final String TIANDITU = "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
            + "&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY";

    private static StandardEnvironment env(Map<String, Object> settings) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return env;
    }

    @Test
    void withoutTheSettingThePolicyIsTheDefaultOne() {
        assertThat(AccessConfiguration.contentSecurityPolicy(env(Map.of())))
                .isEqualTo(AccessConfiguration.CONTENT_SECURITY_POLICY)
                .contains("img-src 'self' data: blob:;");
    }

    @Test
    void theProviderLoginOpensConnectionsToTheIssuersOriginOnlyAndOnlyWhenConfigured() {
        String issuerKey = ProviderLogin.RESOURCE_SERVER_ISSUER;
        String issuer = "https://sso.example.gov.cn/realms/liuyu";
        assertThat(AccessConfiguration.contentSecurityPolicy(env(Map.of()))).doesNotContain("connect-src");
        // an issuer alone (the service takes bearer tokens) gives the page nothing to connect to
        assertThat(AccessConfiguration.contentSecurityPolicy(env(Map.of(issuerKey, issuer))))
                .doesNotContain("connect-src");
        String policy = AccessConfiguration.contentSecurityPolicy(
                env(Map.of(issuerKey, issuer, ProviderLogin.CLIENT_ID, "liuyu-map")));
        assertThat(policy).startsWith("default-src 'self'; connect-src 'self' https://sso.example.gov.cn; script-src");
        assertThat(policy).contains("form-action 'self';");
    }

    @Test
    void tiandituWithSubdomainsOpensExactlyItsEightHostsForImages() {
        String policy = AccessConfiguration.contentSecurityPolicy(
                env(Map.of(ThirdPartyTiles.SETTING, TIANDITU, ThirdPartyTiles.SUBDOMAINS, "0,1,2,3,4,5,6,7")));
        assertThat(policy)
                .contains("img-src 'self' data: blob: https://t0.tianditu.gov.cn https://t1.tianditu.gov.cn"
                        + " https://t2.tianditu.gov.cn https://t3.tianditu.gov.cn https://t4.tianditu.gov.cn"
                        + " https://t5.tianditu.gov.cn https://t6.tianditu.gov.cn https://t7.tianditu.gov.cn;")
                .contains("script-src 'self';")
                .contains("default-src 'self';");
    }

    @Test
    void aPlainTemplateOpensItsOneOriginWithPort() {
        ThirdPartyTiles t = ThirdPartyTiles.of("https://Tiles.Example.org:8443/{z}/{x}/{y}.png", "", "© Example");
        assertThat(t.hosts()).isEqualTo(List.of("https://tiles.example.org:8443"));
        assertThat(t.attribution()).isEqualTo("© Example");
        assertThat(ThirdPartyTiles.of("  ", null, null)).isNull();
    }

    @Test
    void malformedTemplatesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ThirdPartyTiles.of("http://tiles.example.org/{z}/{x}/{y}.png", null, null))
                .hasMessage(
                        "liuyu.map.xyz-tiles must be an https URL with a host, got: http://tiles.example.org/{z}/{x}/{y}.png");
        assertThatThrownBy(() -> ThirdPartyTiles.of("https://tiles.example.org/{z}/{x}.png", null, null))
                .hasMessage("liuyu.map.xyz-tiles must contain {y}, got: https://tiles.example.org/{z}/{x}.png");
        assertThatThrownBy(() -> ThirdPartyTiles.of("https://t{s}.example.org/{z}/{x}/{y}.png", "", null))
                .hasMessageContaining("set liuyu.map.xyz-subdomains");
    }
}
