package liuyu.deploy;

import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasProperties;
import liuyu.atlas.AtlasStore;
import liuyu.storage.SyntheticRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Decides the deployment once at start-up, states it in the log, and refuses to start when it is unsafe:
 * no identity provider outside the demo, development users with the postgis profile, or synthetic demo
 * records in the records database of a deployment that is not the demo.
 */
@Configuration(proxyBeanMethods = false)
public class DeploymentConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentConfiguration.class);

    /** JdbcTemplate, not the DataSource: Spring Boot orders it after the Flyway migrations. */
    @Bean
    Deployment deployment(
            AtlasStore atlases,
            AtlasProperties atlasProperties,
            Environment env,
            JdbcTemplate jdbc,
            ObjectProvider<JwtDecoder> jwt) {
        Atlas atlas = atlases.base();
        boolean postgis = env.acceptsProfiles(Profiles.of(Deployment.POSTGIS_PROFILE));
        String source = atlasProperties.source() == AtlasProperties.Source.POSTGIS
                ? "PostGIS"
                : atlasProperties.dir().toAbsolutePath().normalize().toString();
        Deployment.Identity identity = jwt.getIfAvailable() != null
                ? Deployment.Identity.IDENTITY_PROVIDER
                : env.acceptsProfiles(Profiles.of(Deployment.DEV_PROFILE))
                        ? Deployment.Identity.DEVELOPMENT_USERS
                        : Deployment.Identity.NONE;
        String issuer = env.getProperty(
                Deployment.ISSUER_SETTING,
                env.getProperty(
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                        env.getProperty(
                                "spring.security.oauth2.resourceserver.jwt.public-key-location", "(configured)")));
        String records = env.getProperty("spring.datasource.url", "(default)") + " -- back it up (docs/deploy.md)";
        String name =
                atlas.title() == null || atlas.title().isBlank() ? atlas.id() : atlas.title() + " (" + atlas.id() + ")";
        Deployment d = new Deployment(name, atlas.demo(), source, postgis, records, identity, issuer);
        String refusal = d.refusal();
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
        SyntheticRecords.Counts synthetic = new SyntheticRecords(jdbc.getDataSource()).count();
        if (!d.seedsSyntheticData() && synthetic.total() > 0) {
            throw new IllegalStateException("the records database holds " + synthetic
                    + " from a demo run, but this deployment"
                    + " is not the demo (" + d.facts().get(0) + "): remove exactly those labelled records with `"
                    + Deployment.PURGE_COMMAND + "` (docs/deploy.md), or use another records database");
        }
        for (String fact : d.facts()) {
            if (fact.contains("DEVELOPMENT") || fact.contains("DEMO") || fact.contains("nobody")) {
                LOG.warn("deployment: {}", fact);
            } else {
                LOG.info("deployment: {}", fact);
            }
        }
        LOG.info(
                "deployment: monitor /actuator/health (atlas, records database) and /actuator/metrics (docs/deploy.md)");
        return d;
    }
}
