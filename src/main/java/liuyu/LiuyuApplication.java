package liuyu;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import liuyu.cli.Cli;
import liuyu.cli.ShortRunCompilation;
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
        String[] serveArgs =
                args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
        SpringApplication.run(LiuyuApplication.class, serveArgs);
    }
}
