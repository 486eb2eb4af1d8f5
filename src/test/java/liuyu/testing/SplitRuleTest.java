package liuyu.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The split rule, checked on the test sources so that a slow test cannot slip into {@code ./mvnw test}: a test class
 * that starts Spring, PostgreSQL, GDAL or Chromium (directly or through the fixtures named here) is tagged
 * {@code @Tag("integration")}, itself or through the class it extends.
 */
class SplitRuleTest {
    static final Path TESTS = Path.of("src/test/java");
    static final Pattern SLOW =
            Pattern.compile("@SpringBootTest|SpringApplication\\.run|PostgisCluster|TestDatabase\\.postgres\\(|"
                    + "\"ogr2ogr\"|\"ogrinfo\"|Fixtures\\.ogr2ogr|SyntheticDems?\\.|ChromeDriver|\"postgres\"");
    static final Pattern EXTENDS = Pattern.compile("class \\w+ extends (\\w+)");

    @Test
    void everyTestClassThatStartsSpringPostgresGdalOrChromiumIsTaggedIntegration() throws IOException {
        List<Path> classes;
        try (Stream<Path> files = Files.walk(TESTS)) {
            classes = files.filter(p -> p.getFileName().toString().endsWith("Test.java"))
                    .toList();
        }
        assertThat(classes).hasSizeGreaterThan(50);
        List<String> untagged = classes.stream()
                .filter(p -> slow(p) && !tagged(p))
                .map(p -> TESTS.relativize(p).toString())
                .toList();
        assertThat(untagged)
                .as("slow test classes without @Tag(\"integration\")")
                .isEmpty();
    }

    @Test
    void aFastTestIsNotTaggedSoTheFastSetStaysWhole() throws IOException {
        assertThat(slow(TESTS.resolve("liuyu/quality/QualityValueTypesTest.java")))
                .isFalse();
        assertThat(tagged(TESTS.resolve("liuyu/quality/QualityValueTypesTest.java")))
                .isFalse();
        assertThat(slow(TESTS.resolve("liuyu/api/LayersApiTest.java"))).isTrue();
    }

    private static boolean slow(Path p) {
        String src = read(p);
        var m = EXTENDS.matcher(src);
        return SLOW.matcher(src).find()
                || (m.find()
                        && Files.exists(p.resolveSibling(m.group(1) + ".java"))
                        && slow(p.resolveSibling(m.group(1) + ".java")));
    }

    private static boolean tagged(Path p) {
        String src = read(p);
        var m = EXTENDS.matcher(src);
        return src.contains("@Tag(\"integration\")")
                || (m.find()
                        && Files.exists(p.resolveSibling(m.group(1) + ".java"))
                        && tagged(p.resolveSibling(m.group(1) + ".java")));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
