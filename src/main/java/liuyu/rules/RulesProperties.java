package liuyu.rules;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code liuyu.rules.dir}: the rule catalogue. Unset, it is the atlas directory's {@code rules/}
 * (gis/rules, the demo catalogue); an atlas without one serves its layers with no rules.
 */
@ConfigurationProperties("liuyu.rules")
public record RulesProperties(Path dir) {}
