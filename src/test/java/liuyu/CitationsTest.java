package liuyu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The project stands alone: no citation by line number of a file outside the repository (a pattern
 * like {@code 001:702} or {@code 000:913–917}), no pointer to design notes or source files that do
 * not ship, and every clause id written anywhere (code, comments, messages, layers, docs) resolves to
 * a clause of gis/rules/clauses.yaml. The oracle is the files themselves, read here with plain regexes
 * and a plain YAML read, not through the rule catalogue.
 */
class CitationsTest {
    static final Path ROOT = Path.of("").toAbsolutePath();
    /** What is scanned: the whole product, its data, docs and benchmarks. */
    static final List<String> SCANNED =
            List.of("src", "gis", "docs", "bench", "docker", ".ci", "README.md", "BENCHMARKS.md", "pom.xml");

    static final Pattern LINE_CITATION = Pattern.compile("\\b\\d{3}:\\d{2,4}(?:[-–]\\d{2,4})?\\b");
    static final Pattern OUTSIDE = Pattern.compile("shared/|/seeds\\b|seeds/|DOMAIN\\.md|DATA\\.md|DESIGN\\.md");
    /**
     * Applied Flyway migrations are checksummed by every database that ran them: their comments keep the
     * old line citations, and only these, so that no database refuses to start. New files get no pass.
     */
    static final Map<String, Set<String>> FROZEN_MIGRATIONS = Map.of(
            "src/main/resources/db/migration/V6_1__observations.sql", Set.of("003:1305-1389", "003:1347"),
            "src/main/resources/db/migration/V9_1__outfall_ledger.sql", Set.of("000:913"));

    @Test
    void noLineNumberCitationAndNoPointerOutsideTheRepositoryRemainsAnywhere() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files()) {
            String rel = ROOT.relativize(file).toString().replace('\\', '/');
            String text = text(file);
            if (text == null || rel.equals("src/test/java/liuyu/CitationsTest.java")) {
                continue;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = LINE_CITATION.matcher(lines[i]);
                while (m.find()) {
                    if (!FROZEN_MIGRATIONS.getOrDefault(rel, Set.of()).contains(m.group())) {
                        found.add(rel + ":" + (i + 1) + ": " + m.group());
                    }
                }
                Matcher o = OUTSIDE.matcher(lines[i]);
                while (o.find()) {
                    found.add(rel + ":" + (i + 1) + ": " + o.group());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void everyClauseIdWrittenAnywhereResolvesToAClauseInTheRepository() throws IOException {
        JsonNode documents = YAMLMapper.builder()
                .build()
                .readTree(ROOT.resolve("gis/rules/documents.yaml").toFile());
        JsonNode clauses = YAMLMapper.builder()
                .build()
                .readTree(ROOT.resolve("gis/rules/clauses.yaml").toFile());
        Set<String> documentIds = new TreeSet<>();
        documents.path("documents").forEach(d -> documentIds.add(d.path("id").asString()));
        Set<String> clauseIds = new TreeSet<>();
        clauses.path("clauses").forEach(c -> clauseIds.add(c.path("id").asString()));
        Pattern clauseId = Pattern.compile("\\b("
                + String.join("|", documentIds.stream().map(Pattern::quote).toList()) + ")/([0-9A-Za-z.]*[0-9A-Za-z])");
        List<String> unresolved = new ArrayList<>();
        int seen = 0;
        for (Path file : files()) {
            String rel = ROOT.relativize(file).toString().replace('\\', '/');
            String text = text(file);
            if (text == null || rel.startsWith("gis/rules/texts/")) {
                continue;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = clauseId.matcher(lines[i]);
                while (m.find()) {
                    seen++;
                    if (!clauseIds.contains(m.group())) {
                        unresolved.add(rel + ":" + (i + 1) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(unresolved).isEmpty();
        assertThat(seen).as("clause ids found in the repository").isGreaterThan(100);
    }

    static List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String s : SCANNED) {
            Path p = ROOT.resolve(s);
            if (Files.isRegularFile(p)) {
                out.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !f.toString().contains("/target/"))
                            .forEach(out::add);
                }
            }
        }
        return out;
    }

    /** The file as UTF-8 text, or null for a binary file (images, fonts). */
    static String text(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException binary) {
            return null;
        }
    }
}
