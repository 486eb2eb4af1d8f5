package liuyu;

import java.util.Arrays;
import liuyu.cli.CheckCommand;
import liuyu.cli.ImportCommand;
import liuyu.cli.PurgeSyntheticCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LiuyuApplication {
    /**
     * {@code serve} (the default) runs the service; {@code import} loads layers into PostGIS (ImportCommand);
     * {@code check} checks projects from a GeoJSON file without a server (CheckCommand); {@code purge-synthetic} removes
     * the synthetic demo records from a records database (PurgeSyntheticCommand).
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(ImportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("purge-synthetic")) {
            System.exit(PurgeSyntheticCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("check")) {
            System.exit(CheckCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        String[] serveArgs = args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
        SpringApplication.run(LiuyuApplication.class, serveArgs);
    }
}
