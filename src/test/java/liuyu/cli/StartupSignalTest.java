package liuyu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while the service is still starting (loading the atlas, building the network) stops it: an operator's
 * {@code systemctl stop} or a container runtime must not wait for a start-up nobody wants any more.
 */
@Tag("integration")
class StartupSignalTest {

    @Test
    void sigtermDuringStartUpEndsTheProcess() throws Exception {
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "liuyu.LiuyuApplication",
                        "--server.port=0",
                        "--spring.profiles.active=dev"))
                .redirectErrorStream(true)
                .start();
        StringBuilder log = new StringBuilder();
        CompletableFuture<Void> starting = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains("Starting LiuyuApplication")) {
                        starting.complete(null);
                    }
                }
            } catch (Exception e) {
                starting.completeExceptionally(e);
            }
        });
        reader.start();
        try {
            starting.get(120, TimeUnit.SECONDS);
            Thread.sleep(2_000); // into the atlas load
            p.destroy(); // SIGTERM on Linux
            boolean ended = p.waitFor(120, TimeUnit.SECONDS);
            assertThat(ended)
                    .as("ended after SIGTERM during start-up:\n%s", log)
                    .isTrue();
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and left on the signal
            assertThat(p.exitValue()).as(log.toString()).isEqualTo(143);
        } finally {
            p.destroyForcibly();
            reader.join(10_000);
        }
    }
}
