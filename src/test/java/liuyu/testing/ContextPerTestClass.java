package liuyu.testing;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Keys Spring's test-context cache by test class (registered in META-INF/spring.factories): two test classes
 * never share an application context, so never a records database ({@link OwnRecordsDatabase}) or any other state.
 */
public final class ContextPerTestClass implements ContextCustomizerFactory {
    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new Key(testClass.getName());
    }

    /** Changes nothing in the context; only its equality matters. */
    record Key(String testClass) implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {}
    }
}
