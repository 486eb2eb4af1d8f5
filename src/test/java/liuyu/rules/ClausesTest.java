package liuyu.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every clause a rule cites is in the repository and says what the catalogue says it says: one test
 * per rule that each clause id resolves, its document is known, its quoted text is found verbatim in
 * that document's text (gis/rules/texts), and the section path names the headings the quote stands
 * under. The files are read here with a plain YAML read and string search, not through RuleCatalogue.
 */
class ClausesTest {
    static final Path RULES = Path.of("gis/rules");
    static final YAMLMapper YAML = YAMLMapper.builder().build();
    /** The heading levels a section path names, each with the form a heading line of the text starts with. */
    static final List<Pattern> LEVELS = List.of(
            Pattern.compile("第[一二三四五六七八九十百]+章"),
            Pattern.compile("第[一二三四五六七八九十百]+条"),
            Pattern.compile("[一二三四五六七八九十]+、"),
            Pattern.compile("（[一二三四五六七八九十]+）"),
            Pattern.compile("\\d+\\."),
            Pattern.compile("（\\d+）"));

    static JsonNode read(String file) throws IOException {
        return YAML.readTree(RULES.resolve(file).toFile());
    }

    static Map<String, JsonNode> byId(JsonNode list) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        list.forEach(n -> out.put(n.path("id").asString(), n));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyClauseOfEveryRuleResolvesAndIsQuotedVerbatimFromItsDocument() throws IOException {
        Map<String, JsonNode> clauses = byId(read("clauses.yaml").path("clauses"));
        Map<String, JsonNode> documents = byId(read("documents.yaml").path("documents"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode rule : read("rules.yaml").path("rules")) {
            String id = rule.path("id").asString();
            tests.add(dynamicTest(id, () -> {
                assertThat(rule.path("citations").size())
                        .as("citations of " + id)
                        .isPositive();
                for (JsonNode citation : rule.path("citations")) {
                    String clauseId = citation.path("clause").asString();
                    assertThat(clauses).as(id + " cites " + clauseId).containsKey(clauseId);
                    String document = clauseId.substring(0, clauseId.indexOf('/'));
                    assertThat(documents).as("document of " + clauseId).containsKey(document);
                    String text = Files.readString(RULES.resolve("texts").resolve(document + ".txt"));
                    JsonNode clause = clauses.get(clauseId);
                    assertThat(text)
                            .as("text of " + document)
                            .contains(clause.path("text").asString());
                    assertThat(clause.path("gistEn").asString()).isNotBlank();
                }
            }));
        }
        assertThat(tests).hasSize(read("rules.yaml").path("rules").size()).hasSizeGreaterThan(15);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everySectionPathNamesTheHeadingsItsQuoteStandsUnder() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode clause : read("clauses.yaml").path("clauses")) {
            String id = clause.path("id").asString();
            String section = clause.path("section").asString();
            tests.add(dynamicTest(id + " " + section, () -> {
                List<String> lines =
                        Files.readAllLines(RULES.resolve("texts").resolve(id.substring(0, id.indexOf('/')) + ".txt"));
                String quote = clause.path("text").asString();
                int at = -1;
                for (int i = 0; i < lines.size() && at < 0; i++) {
                    if (lines.get(i).contains(quote)) {
                        at = i;
                    }
                }
                assertThat(at).as("line of the quote").isNotNegative();
                Matcher annexRow = Pattern.compile("附件(\\d) 第(\\d+)项").matcher(section);
                if (annexRow.matches()) {
                    assertThat(quote).startsWith(annexRow.group(2) + "\t");
                    return;
                }
                List<String> named = new ArrayList<>();
                for (Pattern level : LEVELS) {
                    Matcher m = level.matcher(section);
                    if (!m.find()) {
                        continue;
                    }
                    named.add(m.group());
                    // the nearest heading of this level at or above the quote is the one the path names
                    String nearest = null;
                    for (int i = at; i >= 0 && nearest == null; i--) {
                        Matcher h = level.matcher(halfToFull(lines.get(i)));
                        if (h.lookingAt()) {
                            nearest = h.group();
                        }
                    }
                    assertThat(nearest).as(level + " above " + id).isEqualTo(m.group());
                }
                if (!section.startsWith("正文")) {
                    assertThat(String.join("", named).replace(" ", "")).isEqualTo(section.replace(" ", ""));
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void everyDocumentHasItsPublicationAndAStatusAndEveryCitedOneItsText() throws IOException {
        JsonNode clauses = read("clauses.yaml").path("clauses");
        for (JsonNode d : read("documents.yaml").path("documents")) {
            String id = d.path("id").asString();
            assertThat(d.path("title").asString()).as(id).isNotBlank();
            assertThat(d.path("issuer").asString()).as(id).isNotBlank();
            assertThat(d.path("issued").asString()).as(id).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(d.path("status").asString()).as(id).isIn("in-force", "repealed", "void");
            assertThat(
                            d.path("number").isNull()
                                    ? d.path("numberNote").asString()
                                    : d.path("number").asString())
                    .as(id)
                    .isNotBlank();
            boolean cited = false;
            for (JsonNode c : clauses) {
                cited |= c.path("id").asString().startsWith(id + "/");
            }
            if (cited) {
                assertThat(RULES.resolve("texts").resolve(id + ".txt")).as(id).isRegularFile();
                assertThat(d.path("published").path("gazette").asString())
                        .as(id)
                        .endsWith("公报");
            } else {
                assertThat(d.path("statusClause").asString())
                        .as(id + ": status from a clean-up list")
                        .isNotBlank();
            }
        }
    }

    /** Headings of the gazette text use half-width parentheses in places: （三） and (三) are one heading. */
    static String halfToFull(String line) {
        return line.replaceFirst("^\\(([^)]{1,4})\\)\\s?", "（$1）");
    }
}
