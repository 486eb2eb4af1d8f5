package liuyu.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.Feature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who supervises an outfall comes from the authority table's district row (四、（一）: 生态环境部门统一行使入河排污口
 * 污染排放监督管理和行政执法职责), filled with the district it lies in — change the row and the answer changes.
 */
class SupervisorRoleTest {
    static final Atlas ATLAS = new AtlasLoader().load(Path.of("gis"));

    @Test
    void theDistrictRowNamesTheDistrictsEcologyBureau() {
        ProjectChecker checker = new ProjectChecker(RuleCatalogue.load(Path.of("gis/rules"), ATLAS));
        Feature miyun = ATLAS.layer("districts").feature("110118");
        assertThat(checker.roleFor("supervisor", miyun)).startsWith("密云区生态环境局 (district ecology-environment bureau");
        assertThat(checker.roleFor("supervisor", ATLAS.layer("districts").feature("110101")))
                .startsWith("东城区生态环境局");
        // a role no row gives, and a zone no row is keyed by
        assertThat(checker.roleFor("manager", miyun)).isNull();
        assertThat(checker.roleFor("supervisor", ATLAS.layer("reservoirs").feature("miyun")))
                .isNull();
    }

    @Test
    void anEditedRowIsWhatTheAnswerSays(@TempDir Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("gis/rules"))) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(Path.of("gis/rules").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path table = dir.resolve("authorities.yaml");
        Files.writeString(
                table,
                Files.readString(table).replace("supervisor: \"{district}生态环境局", "supervisor: \"{district}生态环境局执法支队"));
        ProjectChecker checker = new ProjectChecker(RuleCatalogue.load(dir, ATLAS));
        assertThat(checker.roleFor("supervisor", ATLAS.layer("districts").feature("110118")))
                .startsWith("密云区生态环境局执法支队");
    }
}
