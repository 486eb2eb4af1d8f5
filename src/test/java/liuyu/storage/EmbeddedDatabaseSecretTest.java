package liuyu.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The embedded record file is private by default: a generated password kept beside it, modes 600/700. */
class EmbeddedDatabaseSecretTest {
    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("records").resolve("liuyu") + ";MODE=PostgreSQL";
    }

    private String start() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "test", Map.of("spring.datasource.url", url(), "spring.datasource.password", "")));
        new EmbeddedDatabaseSecret().postProcessEnvironment(env, null);
        return env.getProperty("spring.datasource.password");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewDatabaseGetsAGeneratedPasswordKeptBesideItAndOnlyItsOwnerMayReadThem() throws Exception {
        String password = start();
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        Path records = dir.resolve("records");
        assertThat(mode(records)).isEqualTo("rwx------");
        assertThat(mode(records.resolve("liuyu.mv.db"))).isEqualTo("rw-------");
        assertThat(mode(records.resolve("liuyu.password"))).isEqualTo("rw-------");
        assertThat(Files.readString(records.resolve("liuyu.password")).trim()).isEqualTo(password);
        assertThat(start()).as("the next start reads the same password").isEqualTo(password);
        assertThatThrownBy(() -> DriverManager.getConnection(url(), "sa", "").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aDatabaseFromBeforeWithAnEmptyPasswordGetsTheGeneratedOneAndKeepsItsData() throws Exception {
        Files.createDirectories(dir.resolve("records"));
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (a INT)");
            s.execute("INSERT INTO kept VALUES (7)");
        }
        Files.setPosixFilePermissions(
                dir.resolve("records").resolve("liuyu.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        String password = start();
        assertThat(mode(dir.resolve("records").resolve("liuyu.mv.db"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("records"))).isEqualTo("rwx------");
        try (Connection c = DriverManager.getConnection(url(), "sa", password);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT a FROM kept")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(7);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url(), "sa", "").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aConfiguredPasswordOrAnotherDatabaseIsLeftAlone() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "test", Map.of("spring.datasource.url", url(), "spring.datasource.password", "chosen")));
        new EmbeddedDatabaseSecret().postProcessEnvironment(env, null);
        assertThat(env.getProperty("spring.datasource.password")).isEqualTo("chosen");
        StandardEnvironment mem = new StandardEnvironment();
        mem.getPropertySources()
                .addFirst(new MapPropertySource("test", Map.of("spring.datasource.url", "jdbc:h2:mem:x")));
        new EmbeddedDatabaseSecret().postProcessEnvironment(mem, null);
        assertThat(mem.getProperty("spring.datasource.password")).isNull();
        assertThat(Files.exists(dir.resolve("records"))).isFalse();
    }
}
