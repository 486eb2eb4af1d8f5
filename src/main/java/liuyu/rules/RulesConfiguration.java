package liuyu.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import liuyu.atlas.AtlasProperties;
import liuyu.atlas.AtlasStore;
import liuyu.network.NetworkService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Loads the rule catalogue at start-up, checked against the atlas; a broken catalogue stops the service. */
@Configuration(proxyBeanMethods = false)
public class RulesConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(RulesConfiguration.class);

    @Bean
    RuleCatalogue ruleCatalogue(RulesProperties properties, AtlasProperties atlas, AtlasStore atlases) {
        Path dir = properties.dir() != null ? properties.dir() : atlas.dir().resolve("rules");
        if (properties.dir() == null && !Files.isDirectory(dir)) {
            LOG.warn("no rule catalogue at {}: project checks will find no rules", dir.toAbsolutePath());
            return RuleCatalogue.empty();
        }
        RuleCatalogue catalogue = RuleCatalogue.load(dir, atlases.current());
        LOG.info(
                "rules {} loaded from {}: {} rules, {} activities",
                catalogue.version(),
                dir.toAbsolutePath(),
                catalogue.rules().size(),
                catalogue.activities().size());
        return catalogue;
    }

    @Bean
    ProjectChecker projectChecker(RuleCatalogue rules) {
        return new ProjectChecker(rules);
    }

    /** Recorded check reports, on the configured DataSource. */
    @Bean
    CheckReportStore checkReportStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new CheckReportStore(jdbc, transactions, Clock.systemUTC());
    }

    @Bean
    ProjectChecks projectChecks(
            ProjectChecker checker, RuleCatalogue rules, AtlasStore atlases, NetworkService networks) {
        return new ProjectChecks(checker, rules, atlases, networks);
    }
}
