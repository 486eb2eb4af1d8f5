package liuyu.stations;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The stations allowed to transmit: each an MN (the standard's 24-character station code) bound to a
 * section or an outfall of the atlas, with its password stored hashed ({bcrypt}, {pbkdf2}, …, as Spring
 * Security's delegating encoder writes them). Read from a YAML file; a station naming an unknown site,
 * an MN given twice or a password in clear refuses the whole file.
 */
public final class StationRegistry {
    public static final Set<String> KINDS = Set.of("section", "outfall");
    private static final Set<String> METHODS = Set.of("surveyed", "derived", "schematic", "synthetic");

    /** A registered station; {@code method} says whether the station itself is real or a demo (synthetic). */
    public record Station(String mn, String site, String kind, String nameZh, String method, String note) {}

    /** The YAML layout of the file. */
    record File(List<Entry> stations) {}

    record Entry(String mn, String site, String kind, String nameZh, String password, String method, String note) {}

    private final Map<String, Station> stations;
    private final Map<String, String> hashes;
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    // a BCrypt check per packet would cost more than storing it: the digest of the last accepted password is kept in
    // memory
    private final Map<String, byte[]> accepted = new ConcurrentHashMap<>();

    private StationRegistry(Map<String, Station> stations, Map<String, String> hashes) {
        this.stations = stations;
        this.hashes = hashes;
    }

    /**
     * Reads the registry; {@code siteExists} answers whether (kind, site id) names a section or an
     * outfall. Every problem of the file is listed in one exception.
     */
    public static StationRegistry read(Path file, BiPredicate<String, String> siteExists) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "station registry " + file + " does not exist (setting liuyu.hj212.stations)");
        }
        ObjectMapper yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        File parsed;
        try {
            parsed = yaml.readValue(Files.readString(file, StandardCharsets.UTF_8), File.class);
        } catch (Exception e) {
            throw new IllegalStateException("station registry " + file + " does not read: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Station> stations = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        List<Entry> entries = parsed == null || parsed.stations() == null ? List.of() : parsed.stations();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String at = "stations[" + i + "]";
            if (e.mn() == null || !e.mn().matches("[0-9A-Za-z]{1,24}")) {
                problems.add(at + ".mn must be 1 to 24 letters or digits");
                continue;
            }
            if (stations.containsKey(e.mn())) {
                problems.add(at + ".mn '" + e.mn() + "' is registered twice");
                continue;
            }
            if (e.kind() == null || !KINDS.contains(e.kind())) {
                problems.add(at + ".kind must be section or outfall");
            } else if (e.site() == null || !siteExists.test(e.kind(), e.site())) {
                problems.add(at + ".site '" + e.site() + "' is no " + e.kind() + " of the atlas");
            }
            if (e.password() == null || !e.password().matches("\\{(bcrypt|pbkdf2|scrypt|argon2|sha256)[^}]*}.+")) {
                problems.add(at + ".password must be a hash with its id ({bcrypt}$2a$…), never the password itself");
            }
            String method = e.method() == null ? "surveyed" : e.method();
            if (!METHODS.contains(method)) {
                problems.add(at + ".method must be one of " + METHODS);
            }
            stations.put(e.mn(), new Station(e.mn(), e.site(), e.kind(), e.nameZh(), method, e.note()));
            hashes.put(e.mn(), e.password());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("station registry " + file + ": " + String.join("; ", problems));
        }
        return new StationRegistry(stations, hashes);
    }

    public Station station(String mn) {
        return stations.get(mn);
    }

    public Collection<Station> all() {
        return stations.values();
    }

    /** Whether {@code password} is the registered one of station {@code mn}. */
    public boolean accepts(String mn, String password) {
        String hash = hashes.get(mn);
        if (hash == null || password == null) {
            return false;
        }
        byte[] digest = sha256(mn + "\u0000" + password);
        byte[] known = accepted.get(mn);
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return true;
        }
        if (!encoder.matches(password, hash)) {
            return false;
        }
        accepted.put(mn, digest);
        return true;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
