package liuyu;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import liuyu.cli.Cli;
import liuyu.cli.ShortRunCompilation;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LiuyuApplication {
    /**
     * {@code serve} (the default) runs the service; the sub-commands ({@code import}, {@code check}, …)
     * are listed in {@link Cli}; {@code --help} prints them.
     */
    public static void main(String[] args) {
        if (Cli.handles(args)) {
            if (args[0].equals("import")) {
                ShortRunCompilation.c1Only(); // a batch of seconds: C2 would cost more than it saves
            }
            System.exit(Cli.run(
                    args,
                    System.getenv(),
                    new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
        }
        String refusal = aheadOfTimeRefusal();
        if (refusal != null) {
            System.err.println(refusal);
            System.exit(1);
        }
        String[] serveArgs =
                args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
        SpringApplication.run(LiuyuApplication.class, serveArgs);
    }

    /**
     * Why the service does not start on Spring's ahead-of-time initialization, or null when it is not asked for. That
     * initialization fixes at build time every bean a condition decides and the profiles active then: a jar built
     * with {@code process-aot} here starts with the development users of profile {@code dev} whatever is asked, a
     * PostGIS deployment without its reloader, a production issuer without its token decoder (BENCHMARKS.md, the
     * start with JDK 25 and Spring's AOT). A start that looks right with the wrong beans is refused.
     */
    static String aheadOfTimeRefusal() {
        if (!AotDetector.useGeneratedArtifacts()) {
            return null;
        }
        return "Liuyu does not start on Spring's ahead-of-time initialization (spring.aot.enabled=true or a native"
                + " image): it would fix the beans and profiles of the build and ignore this start's settings. Start"
                + " without -Dspring.aot.enabled=true; docs/scale.md (Fast start) says what shortens the start instead.";
    }
}
