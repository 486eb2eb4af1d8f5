package liuyu.rules;

import liuyu.atlas.AtlasStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the rule catalogue at start-up, checked against the atlas; a broken catalogue stops the service. */
@Configuration(proxyBeanMethods = false)
public class RulesConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(RulesConfiguration.class);

    @Bean
    RuleCatalogue ruleCatalogue(RulesProperties properties, AtlasStore atlases) {
        RuleCatalogue catalogue = RuleCatalogue.load(properties.dir(), atlases.current());
        LOG.info("rules {} loaded from {}: {} rules, {} activities", catalogue.version(), properties.dir().toAbsolutePath(),
            catalogue.rules().size(), catalogue.activities().size());
        return catalogue;
    }

    @Bean
    ProjectChecker projectChecker(RuleCatalogue rules) {
        return new ProjectChecker(rules);
    }
}
