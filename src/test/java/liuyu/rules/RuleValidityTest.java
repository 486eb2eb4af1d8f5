package liuyu.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.geo.GeoJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

/**
 * Rules over time, on the demo catalogue with one rule marked repealed: the rule applies through its last day
 * in force and stops the day after; a repealed rule without that day, or replaced by no rule, is refused.
 */
class RuleValidityTest {
    static final String RULE = "source-level-1-unrelated-projects";
    static Atlas demo;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadDemo() {
        demo = new AtlasLoader().load(Path.of("gis"));
    }

    /** The demo rules with {@code RULE}'s status line replaced by {@code replacement}. */
    private RuleCatalogue catalogue(String replacement) throws IOException {
        for (String f : new String[] {"activities.yaml", "documents.yaml", "clauses.yaml", "authorities.yaml"}) {
            Files.copy(
                    Path.of("gis/rules").resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(dir.resolve("texts"));
        try (var texts = Files.list(Path.of("gis/rules/texts"))) {
            for (Path t : texts.toList()) {
                Files.copy(
                        t,
                        dir.resolve("texts").resolve(t.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String rules = Files.readString(Path.of("gis/rules/rules.yaml"));
        int at = rules.indexOf("- id: " + RULE + "\n");
        int status = rules.indexOf("    status: in-force\n", at);
        assertThat(at).isPositive();
        assertThat(status).isGreaterThan(at);
        rules = rules.substring(0, status) + replacement + rules.substring(status + "    status: in-force\n".length());
        Files.writeString(dir.resolve("rules.yaml"), rules);
        return RuleCatalogue.load(dir, demo);
    }

    private static boolean hits(RuleCatalogue rules, LocalDate on) {
        // a house in the Miyun level-1 zone (the README's villa): the rule under test forbids it
        Project villa = new Project(
                "villa",
                GeoJson.FACTORY.createPoint(new Coordinate(116.95, 40.52)).buffer(0.001),
                "construction-residential",
                Map.of());
        CheckReport report =
                new ProjectChecker(rules).check(demo, null, villa, new ProjectChecker.Options(500, 50, on));
        assertThat(report.asOf()).isEqualTo(on);
        return report.hits().stream().anyMatch(h -> h.rule().equals(RULE));
    }

    @Test
    void aRuleRepealedAtADateAppliesThroughItsLastDayAndStopsAfter() throws IOException {
        RuleCatalogue rules = catalogue("    validTo: \"2025-06-30\"\n    status: repealed\n");
        assertThat(hits(rules, LocalDate.parse("2024-06-01"))).isTrue();
        assertThat(hits(rules, LocalDate.parse("2025-06-30"))).isTrue();
        assertThat(hits(rules, LocalDate.parse("2025-07-01"))).isFalse();
        assertThat(hits(rules, LocalDate.parse("2022-12-31")))
                .as("before its validFrom, 2023-01-01")
                .isFalse();
        RuleCatalogue inForce = RuleCatalogue.load(Path.of("gis/rules"), demo);
        assertThat(hits(inForce, LocalDate.parse("2025-07-01"))).isTrue();
    }

    @Test
    void aRepealedRuleNeedsItsLastDayAndItsReplacementMustExist() {
        assertThatThrownBy(() -> catalogue("    status: repealed\n"))
                .hasMessageContaining("rule '" + RULE + "': a repealed rule needs validTo");
        assertThatThrownBy(() ->
                        catalogue("    validTo: \"2025-06-30\"\n    replacedBy: no-such-rule\n    status: repealed\n"))
                .hasMessageContaining("rule '" + RULE + "': replacedBy 'no-such-rule' must name another rule");
    }
}
