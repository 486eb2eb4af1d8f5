package liuyu.testing;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * A real OAuth 2.0 / OpenID Connect provider for tests: Spring Authorization Server (Spring Security 7) on its own
 * random port, at {@code http://localhost:<port>} (its issuer), with a login form, users whose roles go into the
 * access token's {@code roles} claim (what the service reads), and public clients registered with PKCE required.
 * Started as its own small Spring application: the service's component scan never sees it (no stereotype here).
 */
public final class IdentityProvider implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final InMemoryRegisteredClientRepository clients;
    private final int port;

    private IdentityProvider(ConfigurableApplicationContext context) {
        this.context = context;
        this.clients = context.getBean(InMemoryRegisteredClientRepository.class);
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /**
     * Starts the provider with these users (name → [password, roles...]); nothing is read from the service's own
     * application.properties ({@code spring.config.name} points elsewhere).
     */
    public static IdentityProvider start(Map<String, List<String>> users, Duration accessTokenLife) {
        Beans.users = users;
        Beans.accessTokenLife = accessTokenLife;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Beans.class)
                .properties(
                        "server.port=0",
                        "spring.config.name=liuyu-test-identity-provider",
                        "spring.main.banner-mode=off",
                        // no servlet of its own: Tomcat runs the security filters only for a mapped servlet
                        "server.servlet.register-default-servlet=true",
                        "logging.level.org.springframework.security=INFO")
                .run();
        return new IdentityProvider(context);
    }

    /** The issuer, as tokens carry it in {@code iss} and as the service's issuer-uri must name it. */
    public String issuer() {
        return "http://localhost:" + port;
    }

    /**
     * A public client (no secret): authorization code with PKCE, the one redirect URI (also where logout returns), scope
     * openid, and the browser origin allowed by CORS to call the token endpoint.
     */
    public void registerPublicClient(String clientId, String redirectUri, String browserOrigin) {
        Beans.origins.add(browserOrigin);
        clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri)
                .postLogoutRedirectUri(redirectUri)
                .scope(OidcScopes.OPENID)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(Beans.accessTokenLife)
                        .build())
                .build());
    }

    @Override
    public void close() {
        context.close();
    }

    /** The provider's beans; registered explicitly (lite mode), so no component scan finds them. */
    @ImportAutoConfiguration({
        TomcatServletWebServerAutoConfiguration.class,
        SecurityAutoConfiguration.class,
        ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class
    })
    static class Beans {
        static volatile Map<String, List<String>> users = Map.of();
        static volatile Duration accessTokenLife = Duration.ofMinutes(5);
        static final List<String> origins = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                        http.securityMatcher(server.getEndpointsMatcher());
                        server.oidc(Customizer.withDefaults());
                    })
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    // the page's script calls discovery and the token endpoint from the service's origin
                    .cors(c -> c.configurationSource(cors()))
                    .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
            return http.build();
        }

        static CorsConfigurationSource cors() {
            return request -> {
                CorsConfiguration c = new CorsConfiguration();
                c.setAllowedOrigins(List.copyOf(origins));
                c.setAllowedMethods(List.of("GET", "POST"));
                c.setAllowedHeaders(List.of("*"));
                UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
                source.registerCorsConfiguration("/**", c);
                return source.getCorsConfiguration(request);
            };
        }

        @Bean
        InMemoryRegisteredClientRepository clients() {
            // one placeholder client: the repository refuses to start empty; the tests register theirs once they know
            // the service's port
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId("placeholder")
                    .clientId("placeholder")
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("http://127.0.0.1/placeholder")
                    .clientSettings(
                            ClientSettings.builder().requireProofKey(true).build())
                    .build());
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(users.entrySet().stream()
                    .map(u -> User.withUsername(u.getKey())
                            .password("{noop}" + u.getValue().get(0))
                            .roles(u.getValue().subList(1, u.getValue().size()).toArray(String[]::new))
                            .build())
                    .toList());
        }

        /** The user's roles, without Spring's ROLE_ prefix, in the access token's "roles" claim. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> rolesClaim() {
            return context -> {
                if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    context.getClaims()
                            .claim(
                                    "roles",
                                    context.getPrincipal().getAuthorities().stream()
                                            .map(GrantedAuthority::getAuthority)
                                            .filter(a -> a.startsWith("ROLE_"))
                                            .map(a -> a.substring("ROLE_".length()))
                                            .toList());
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> keys() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** The provider's own decoder, for its OIDC user-info endpoint. */
        @Bean
        JwtDecoder decoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
