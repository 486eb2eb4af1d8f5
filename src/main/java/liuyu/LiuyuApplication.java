package liuyu;

import java.util.Arrays;
import liuyu.cli.BandsCommand;
import liuyu.cli.CheckCommand;
import liuyu.cli.ImportCommand;
import liuyu.cli.ImportNetworkCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LiuyuApplication {
    /**
     * {@code serve} (the default) runs the service; {@code import} loads layers into PostGIS (ImportCommand);
     * {@code bands} derives a reservoir's level-1 zone and shore bands from a DEM (BandsCommand);
     * {@code check} checks projects from a GeoJSON file without a server (CheckCommand); {@code import-network}
     * reads a river network from files and writes it as a layer (ImportNetworkCommand).
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(ImportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("bands")) {
            System.exit(BandsCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("import-network")) {
            System.exit(ImportNetworkCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("check")) {
            System.exit(CheckCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        String[] serveArgs = args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
        SpringApplication.run(LiuyuApplication.class, serveArgs);
    }
}
