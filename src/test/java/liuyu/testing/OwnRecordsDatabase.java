package liuyu.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.ClassUtils;

/**
 * Every application a test starts (a Spring test context or {@code SpringApplication.run}) gets its own
 * in-memory records database instead of the default file {@code ./data/liuyu}, unless the test names a
 * database itself (inline/command-line property, a profile such as {@code postgis}). Registered in the test
 * classpath's META-INF/spring.factories; runs before {@code EmbeddedDatabaseSecret}, so nothing is created
 * under ./data. Inactive without spring-test on the classpath (the benchmarks use the test-jar).
 */
public final class OwnRecordsDatabase implements EnvironmentPostProcessor, Ordered {
    static final String URL = "spring.datasource.url";
    static final String SNAPSHOT_DIR = "liuyu.atlas.snapshot.dir";
    /** The property source of the service's defaults: only a URL that comes from there is replaced. */
    static final String DEFAULTS = "[application.properties]";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }

    /** The atlas snapshot file goes beside the records by default (./data): a test's goes to a directory of its own. */
    private static void ownSnapshotDirectory(ConfigurableEnvironment env) {
        for (PropertySource<?> source : env.getPropertySources()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue;
            }
            if (source.containsProperty(SNAPSHOT_DIR)) {
                if (source.getName().contains(DEFAULTS)) {
                    try {
                        Path dir = Files.createTempDirectory("liuyu-snapshots");
                        dir.toFile().deleteOnExit();
                        env.getPropertySources()
                                .addBefore(
                                        source.getName(),
                                        new MapPropertySource(
                                                "liuyu-test-snapshots", Map.of(SNAPSHOT_DIR, dir.toString())));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return;
            }
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!ClassUtils.isPresent(
                "org.springframework.test.context.TestContextManager",
                getClass().getClassLoader())) {
            return;
        }
        ownSnapshotDirectory(env);
        for (PropertySource<?> source : env.getPropertySources()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue; // Boot's view over all the others, not a source of its own
            }
            if (source.containsProperty(URL)) {
                if (source.getName().contains(DEFAULTS)) {
                    env.getPropertySources()
                            .addBefore(
                                    source.getName(),
                                    new MapPropertySource(
                                            "liuyu-test-records", Map.of(URL, TestRecords.h2Memory("records"))));
                }
                return;
            }
        }
    }
}
