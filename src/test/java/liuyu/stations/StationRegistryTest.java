package liuyu.stations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The registry file: every problem named at once, passwords only as hashes, and the check of a password. */
class StationRegistryTest {
    @TempDir
    Path dir;

    private StationRegistry read(String yaml) throws Exception {
        Path f = dir.resolve("stations.yaml");
        Files.writeString(f, yaml);
        return StationRegistry.read(
                f,
                (kind, site) -> Set.of("section:gubeikou", "outfall:syn-of-01").contains(kind + ":" + site));
    }

    @Test
    void unknownSitesRepeatedMnsAndPasswordsInClearAreAllNamed() {
        assertThatThrownBy(() -> read("""
            stations:
              - {mn: A1, site: nowhere, kind: section, password: '{bcrypt}$2a$04$abcdefghijklmnopqrstuv'}
              - {mn: A1, site: gubeikou, kind: section, password: '{bcrypt}$2a$04$abcdefghijklmnopqrstuv'}
              - {mn: A2, site: gubeikou, kind: outfall, password: '{bcrypt}$2a$04$abcdefghijklmnopqrstuv'}
              - {mn: A3, site: gubeikou, kind: section, password: 123456}
              - {mn: A4, site: gubeikou, kind: section, password: '{noop}123456'}
              - {mn: 'A 5', site: gubeikou, kind: section, password: '{bcrypt}x'}
            """))
                .hasMessageContaining("stations[0].site 'nowhere' is no section of the atlas")
                .hasMessageContaining("stations[1].mn 'A1' is registered twice")
                .hasMessageContaining("stations[2].site 'gubeikou' is no outfall of the atlas")
                .hasMessageContaining("stations[3].password must be a hash")
                .hasMessageContaining("stations[4].password must be a hash")
                .hasMessageContaining("stations[5].mn must be 1 to 24 letters or digits");
    }

    @Test
    void anUnknownFieldOrAMissingFileIsRefused() {
        assertThatThrownBy(() -> read("stations:\n  - {mn: A1, site: gubeikou, kind: section, pasword: x}\n"))
                .hasMessageContaining("pasword");
        assertThatThrownBy(() -> StationRegistry.read(dir.resolve("none.yaml"), (k, s) -> true))
                .hasMessageContaining("liuyu.hj212.stations");
    }

    @Test
    void thePasswordIsCheckedAgainstItsHashAgainAndAgain() throws Exception {
        String hash = new BCryptPasswordEncoder(4).encode("s3cret");
        StationRegistry r =
                read("stations:\n  - {mn: A1, site: syn-of-01, kind: outfall, password: '{bcrypt}" + hash + "'}\n");
        assertThat(r.accepts("A1", "s3cret")).isTrue();
        assertThat(r.accepts("A1", "s3cret")).as("from the in-memory digest").isTrue();
        assertThat(r.accepts("A1", "s3cre")).isFalse();
        assertThat(r.accepts("A1", "s3cret ")).isFalse();
        assertThat(r.accepts("B1", "s3cret")).isFalse();
        assertThat(r.station("A1").method()).isEqualTo("surveyed");
    }
}
