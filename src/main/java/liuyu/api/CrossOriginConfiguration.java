package liuyu.api;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS for browser clients on other sites (MapLibre, OpenLayers pages). The filter runs ahead of
 * the security chain, so a preflight is answered here and never meets an authentication challenge.
 */
@Configuration
public class CrossOriginConfiguration {

    /**
     * {@code liuyu.cors.*}: by default any origin may read (GET, HEAD) every path; list origins to
     * narrow it, or give an empty {@code allowed-origins} to switch CORS off.
     */
    @ConfigurationProperties("liuyu.cors")
    public record CorsProperties(
            @DefaultValue("*") List<String> allowedOrigins,
            @DefaultValue({"GET", "HEAD"}) List<String> allowedMethods,
            @DefaultValue("/**") String paths,
            @DefaultValue("1h") Duration maxAge) {}

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(properties.allowedOrigins());
        cors.setAllowedMethods(properties.allowedMethods());
        cors.addAllowedHeader("*");
        // what a script may read besides the simple headers: the OGC CRS, paging and caching headers
        cors.setExposedHeaders(List.of("Content-Crs", "ETag", "Last-Modified", "Link", "Location"));
        cors.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.allowedOrigins().isEmpty()) {
            source.registerCorsConfiguration(properties.paths(), cors);
        }
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
