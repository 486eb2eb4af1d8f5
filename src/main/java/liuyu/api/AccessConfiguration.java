package liuyu.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import liuyu.deploy.Deployment;
import liuyu.map.ProviderLogin;
import liuyu.map.ThirdPartyTiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may write. Reads stay open (unless {@code liuyu.access.open-reads=false}), except recorded check reports,
 * read like they are written by PLANNER or MONITOR; endpoints that store
 * nothing (POST /checks, POST /quality/classify) are open; recording observations needs role MONITOR,
 * writing the outfall ledger role LEDGER.
 * Production configures an OAuth2/OIDC issuer (JWT resource server); without one, HTTP Basic with
 * the development users applies only in profile {@code dev}, and the log says so; otherwise writes are refused.
 */
@Configuration(proxyBeanMethods = false)
public class AccessConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(AccessConfiguration.class);
    public static final String MONITOR = "MONITOR";
    /** Planners may record project-check reports. */
    public static final String PLANNER = "PLANNER";
    /** Inspectors and district bureaus keep the outfall ledger. */
    public static final String LEDGER = "LEDGER";
    /** Administrators reload the atlas (POST /admin/atlas/reload). */
    public static final String ADMIN = "ADMIN";
    /** Auditors read the intervention log and check the hash chains (docs/stations.md). */
    public static final String AUDITOR = "AUDITOR";
    /** Operators read /actuator/metrics (health stays open). */
    public static final String OPERATOR = "OPERATOR";
    /** The map page and the OGC HTML pages load only their own scripts; nothing may frame them (issue 22). */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * The policy, letting images come from the map page's third-party tile hosts and the page's script connect to the
     * identity provider for its login, each only when configured.
     */
    static String contentSecurityPolicy(Environment env) {
        ThirdPartyTiles tiles = ThirdPartyTiles.of(
                env.getProperty(ThirdPartyTiles.SETTING),
                env.getProperty(ThirdPartyTiles.SUBDOMAINS),
                env.getProperty(ThirdPartyTiles.ATTRIBUTION));
        String policy = tiles == null
                ? CONTENT_SECURITY_POLICY
                : CONTENT_SECURITY_POLICY.replace(
                        "img-src 'self' data: blob:", "img-src 'self' data: blob: " + String.join(" ", tiles.hosts()));
        ProviderLogin login = ProviderLogin.of(
                env.getProperty(ProviderLogin.CLIENT_ID),
                env.getProperty(ProviderLogin.ISSUER),
                env.getProperty(ProviderLogin.RESOURCE_SERVER_ISSUER),
                env.getProperty(ProviderLogin.SCOPE));
        // the page's script fetches the provider's discovery document and tokens; it reaches the login form by
        // navigating there (no form of ours posts to it), so form-action stays 'self'
        return login == null
                ? policy
                : policy.replace(
                        "default-src 'self';", "default-src 'self'; connect-src 'self' " + login.origin() + ";");
    }

    /** {@code liuyu.access.open-reads}: GET without authentication (default true). */
    @ConfigurationProperties("liuyu.access")
    public record AccessProperties(@DefaultValue("true") boolean openReads) {}

    @Bean
    SecurityFilterChain accessRules(
            HttpSecurity http,
            ObjectProvider<JwtDecoder> jwt,
            AccessProperties properties,
            JsonMapper json,
            Environment env)
            throws Exception {
        boolean bearer = jwt.getIfAvailable() != null;
        // no identity provider and no development profile (the demo started without 'dev'): every write is refused
        String nobody = bearer || env.acceptsProfiles(Profiles.of(Deployment.DEV_PROFILE))
                ? null
                : "writes are refused: no identity provider is configured (" + Deployment.ISSUER_SETTING
                        + ") and the development profile '" + Deployment.DEV_PROFILE
                        + "' is not active (docs/deploy.md)";
        String challenge = bearer ? "Bearer" : "Basic realm=\"liuyu\"";
        // stateless API, no session token to check; writes with browser-sent credentials are guarded by
        // api.guard.BrowserWrites
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // public reference data: each endpoint decides its own caching (ETags, OGC responses)
                .headers(h -> h.cacheControl(c -> c.disable())
                        .contentSecurityPolicy(c -> c.policyDirectives(contentSecurityPolicy(env)))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .authorizeHttpRequests(a -> {
                    a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    // alarms (docs/alarms.md): read by monitors and operators (acknowledgements name people), acted on
                    // by monitors; an async dispatch only ends a stream whose request was already authorized
                    a.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
                    a.requestMatchers(HttpMethod.GET, "/alarms", "/alarms/**")
                            .hasAnyRole(MONITOR, OPERATOR)
                            .requestMatchers(HttpMethod.HEAD, "/alarms", "/alarms/**")
                            .hasAnyRole(MONITOR, OPERATOR)
                            .requestMatchers(HttpMethod.POST, "/alarms/*/acknowledgements", "/alarms/*/closures")
                            .hasRole(MONITOR);
                    // recorded check reports hold applicants' projects: read by planners and monitors, not the public
                    a.requestMatchers(HttpMethod.GET, "/check-reports", "/check-reports/**")
                            .hasAnyRole(PLANNER, MONITOR)
                            .requestMatchers(HttpMethod.HEAD, "/check-reports", "/check-reports/**")
                            .hasAnyRole(PLANNER, MONITOR);
                    a.requestMatchers("/actuator/metrics", "/actuator/metrics/**")
                            .hasRole(OPERATOR);
                    // HJ 212 packet logs name peers' addresses (docs/stations.md)
                    a.requestMatchers(HttpMethod.GET, "/stations/*/packets").hasAnyRole(MONITOR, OPERATOR);
                    a.requestMatchers(HttpMethod.GET, "/stations/*/summaries").hasAnyRole(MONITOR, OPERATOR);
                    a.requestMatchers(HttpMethod.POST, "/stations/*/commands").hasAnyRole(MONITOR, OPERATOR);
                    // the intervention log (干预留痕) is read by auditors only; the chains are checked by auditors and
                    // operators
                    a.requestMatchers(HttpMethod.GET, "/interventions/verify", "/observations/verify")
                            .hasAnyRole(AUDITOR, OPERATOR)
                            .requestMatchers(HttpMethod.GET, "/interventions", "/interventions/**")
                            .hasRole(AUDITOR)
                            .requestMatchers(HttpMethod.HEAD, "/interventions", "/interventions/**")
                            .hasRole(AUDITOR)
                            .requestMatchers(HttpMethod.POST, "/interventions")
                            .hasAnyRole(MONITOR, AUDITOR);
                    if (properties.openReads()) {
                        a.requestMatchers(HttpMethod.GET, "/**")
                                .permitAll()
                                .requestMatchers(HttpMethod.HEAD, "/**")
                                .permitAll();
                    }
                    a.requestMatchers(HttpMethod.POST, "/checks", "/quality/classify")
                            .permitAll()
                            .requestMatchers(
                                    HttpMethod.POST,
                                    "/sections/*/observations",
                                    "/sections/*/observations/*/corrections",
                                    "/outfalls/*/observations")
                            .hasRole(MONITOR)
                            .requestMatchers(HttpMethod.POST, "/outfalls", "/outfalls/*/transitions")
                            .hasRole(LEDGER)
                            .requestMatchers(HttpMethod.PUT, "/outfalls/*")
                            .hasRole(LEDGER)
                            .requestMatchers(HttpMethod.POST, "/check-reports", "/check-reports/*/recheck")
                            .hasAnyRole(PLANNER, MONITOR)
                            .requestMatchers(HttpMethod.POST, "/admin/**")
                            .hasRole(ADMIN)
                            .anyRequest()
                            .authenticated();
                })
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                            challenge(request, response, challenge);
                            write(
                                    json,
                                    request,
                                    response,
                                    HttpStatus.UNAUTHORIZED,
                                    nobody != null
                                            ? nobody
                                            : "authentication required: "
                                                    + (bearer
                                                            ? "send a bearer token from the configured issuer"
                                                            : "HTTP Basic (see docs/quality.md for the development users)"));
                        })
                        .accessDeniedHandler((request, response, ex) -> write(
                                json,
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                "user '"
                                        + (request.getUserPrincipal() == null
                                                ? "?"
                                                : request.getUserPrincipal().getName())
                                        + "' lacks the role this write needs (" + MONITOR + " for observations, "
                                        + PLANNER + " or " + MONITOR
                                        + " for check reports, " + LEDGER + " for the outfall ledger, " + AUDITOR
                                        + " to read the intervention log)")));
        if (bearer) {
            http.oauth2ResourceServer(o -> o.jwt(j -> {}).authenticationEntryPoint((request, response, ex) -> {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                write(json, request, response, HttpStatus.UNAUTHORIZED, "bearer token rejected: " + ex.getMessage());
            }));
        } else {
            http.httpBasic(b -> b.authenticationEntryPoint((request, response, ex) -> {
                challenge(request, response, challenge);
                write(
                        json,
                        request,
                        response,
                        HttpStatus.UNAUTHORIZED,
                        nobody != null ? nobody : "user name or password not accepted");
            }));
        }
        return http.build();
    }

    /**
     * The challenge of a 401, except to a script that says it is one ({@code X-Requested-With: XMLHttpRequest}, Spring
     * Security's own convention): a Basic challenge would make the browser open its password dialog over the map
     * page's login form.
     */
    static void challenge(
            jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            String challenge) {
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", challenge);
        }
    }

    /**
     * Development users, only in the explicit development profile {@code dev} (documented in docs/deploy.md):
     * monitor/monitor may record observations, planner/planner check reports, inspector/inspector keep the
     * outfall ledger, miyun/miyun keep Miyun district's (110118) part of it, admin/admin reload the atlas, operator/operator
     * read the metrics (and what operators read), auditor/auditor read the intervention log, viewer/viewer nothing. Never
     * created when a JWT issuer is configured; liuyu.deploy refuses 'dev' together with 'postgis'.
     */
    @Bean
    UserDetailsService developmentUsers(ObjectProvider<JwtDecoder> jwt, Environment env) {
        if (jwt.getIfAvailable() != null || !env.acceptsProfiles(Profiles.of(Deployment.DEV_PROFILE))) {
            return new InMemoryUserDetailsManager();
        }
        LOG.warn(
                "profile '{}': HTTP Basic with the DEVELOPMENT users monitor/monitor, planner/planner, inspector/inspector,"
                        + " miyun/miyun, admin/admin, operator/operator, auditor/auditor and viewer/viewer is active (no {} configured)",
                Deployment.DEV_PROFILE,
                Deployment.ISSUER_SETTING);
        return new InMemoryUserDetailsManager(
                User.withUsername("monitor")
                        .password("{noop}monitor")
                        .roles(MONITOR)
                        .build(),
                User.withUsername("planner")
                        .password("{noop}planner")
                        .roles(PLANNER)
                        .build(),
                User.withUsername("inspector")
                        .password("{noop}inspector")
                        .roles(LEDGER)
                        .build(),
                User.withUsername("miyun")
                        .password("{noop}miyun")
                        .roles(LEDGER, "DISTRICT_110118")
                        .build(),
                User.withUsername("admin").password("{noop}admin").roles(ADMIN).build(),
                User.withUsername("operator")
                        .password("{noop}operator")
                        .roles(OPERATOR)
                        .build(),
                User.withUsername("auditor")
                        .password("{noop}auditor")
                        .roles(AUDITOR)
                        .build(),
                User.withUsername("viewer").password("{noop}viewer").roles().build());
    }

    /**
     * Passwords as the development users hold them ({@code {noop}}). Spring checks an unknown user name against a
     * dummy hash so the answer takes as long as for a known one; with the default encoder that dummy is BCrypt, so
     * every Basic request with an unknown name (any Basic request without the dev profile) burned a BCrypt round
     * (about 0.1 CPU-s) while known users cost a string compare: a CPU lever for anonymous clients and a timing
     * difference. Encoding the dummy as the users are stored makes both paths equally cheap; {@code {bcrypt}}
     * passwords would still be read (docs/limits.md says why no credential cache is kept).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        @SuppressWarnings("deprecation") // the development users are plain text by design (docs/deploy.md)
        PasswordEncoder plain = NoOpPasswordEncoder.getInstance();
        return new DelegatingPasswordEncoder("noop", Map.of("noop", plain, "bcrypt", new BCryptPasswordEncoder()));
    }

    private static void write(
            JsonMapper json, HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // written as a map: the mapper bean does not carry Spring MVC's ProblemDetail mix-in
        ProblemDetail problem = ProblemHandler.body(status, null, detail, request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "type",
                problem.getType() == null ? "about:blank" : problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance().toString());
        // the header whose credentials are missing, rejected or lack the role: what the client must change
        body.put("parameter", "Authorization");
        json.writeValue(response.getOutputStream(), body);
    }
}
