package liuyu.rules;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code liuyu.rules.dir}: the rule catalogue (default {@code gis/rules}, the demo catalogue). */
@ConfigurationProperties("liuyu.rules")
public record RulesProperties(@DefaultValue("gis/rules") Path dir) {
}
