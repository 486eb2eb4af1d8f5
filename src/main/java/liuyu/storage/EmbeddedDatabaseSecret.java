package liuyu.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded H2 record file is private by default: a password generated on first start and kept beside
 * the database in {@code <name>.password} (mode 600); at every start the directory is set to mode 700 and
 * the database files to 600. A file created before this (user {@code sa}, empty password) gets the
 * generated password on its next start. Nothing changes when a password is configured or the records
 * live elsewhere (PostgreSQL, in-memory H2).
 */
public final class EmbeddedDatabaseSecret implements EnvironmentPostProcessor, Ordered {
    static final String PREFIX = "jdbc:h2:file:";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after application.properties and profiles are read
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String url;
        String password;
        try {
            url = env.getProperty("spring.datasource.url");
            password = env.getProperty("spring.datasource.password");
        } catch (IllegalArgumentException unresolved) {
            // a placeholder (the postgis profile's ${LIUYU_DB_URL}) not known yet: a server database, not the embedded
            // file
            return;
        }
        if (url == null || !url.startsWith(PREFIX) || (password != null && !password.isEmpty())) {
            return;
        }
        String user = env.getProperty("spring.datasource.username", "sa");
        String secret = secure(url, user);
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "liuyu-embedded-database-secret", Map.of("spring.datasource.password", secret)));
    }

    /** The password of the embedded database at {@code url}: read, or generated and set; the files made private. */
    static String secure(String url, String user) {
        int semicolon = url.indexOf(';');
        Path base = Path.of(url.substring(PREFIX.length(), semicolon < 0 ? url.length() : semicolon))
                .toAbsolutePath()
                .normalize();
        Path dir = base.getParent();
        Path secretFile = dir.resolve(base.getFileName() + ".password");
        try {
            Files.createDirectories(dir);
            restrict(dir, OWNER_DIR); // also covers files H2 creates later (its trace file)
            String secret;
            if (Files.exists(secretFile)) {
                secret = Files.readString(secretFile, StandardCharsets.UTF_8).trim();
            } else {
                secret = generate();
                boolean existing = Files.exists(dir.resolve(base.getFileName() + ".mv.db"));
                // an existing file still has the old empty password; a new one is created with the secret
                try (Connection c = DriverManager.getConnection(url, user, existing ? "" : secret);
                        Statement s = c.createStatement()) {
                    if (existing) {
                        if (!user.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                            throw new SQLException("user name '" + user + "' is not a plain identifier");
                        }
                        s.execute("ALTER USER " + user + " SET PASSWORD '" + secret + "'");
                    }
                }
                write(secretFile, secret);
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().startsWith(base.getFileName() + "."))
                        .forEach(f -> restrict(f, OWNER_FILE));
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot secure the embedded record database in " + dir, e);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot set the generated password on the embedded record database " + base
                            + " (it has a password already? put it in " + secretFile
                            + " or set spring.datasource.password): " + e.getMessage(),
                    e);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(bytes); // letters, digits, - and _: safe inside SQL quotes
    }

    private static void write(Path file, String secret) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException | IOException notPosix) {
            // a file system without POSIX modes (Windows): the directory's ACL is the operator's
        }
    }
}
