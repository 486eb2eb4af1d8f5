package liuyu.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code serve} (the default, no sub-command) runs the service; every other
 * sub-command is registered in {@code subcommands} below, one entry each.
 */
@Command(name = "liuyu", mixinStandardHelpOptions = true, version = "liuyu 0.1.0",
    description = "Liuyu (流域): the service (default, or 'serve'), and these commands:",
    subcommands = {
        ImportCommand.class,
        ImportNetworkCommand.Cli.class,
        CheckCommand.Cli.class,
        BandsCommand.Cli.class,
        PurgeSyntheticCommand.Cli.class,
    })
public final class Cli {
    /** True if {@code args} name a sub-command (or ask for help) rather than service settings. */
    public static boolean handles(String[] args) {
        if (args.length == 0) {
            return false;
        }
        String first = args[0];
        return first.equals("--help") || first.equals("-h") || first.equals("help") || first.equals("--version")
            || new CommandLine(new Cli(), new Factory(Map.of())).getSubcommands().containsKey(first);
    }

    /** Runs a sub-command with the process environment and streams; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Cli(), new Factory(env));
        cli.setOut(out);
        cli.setErr(err);
        if (args.length > 0 && args[0].equals("help")) {
            cli.usage(out);
            out.flush();
            return 0;
        }
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Hands the environment to commands that read it (database settings). */
    private record Factory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ImportCommand.class) {
                return cls.cast(new ImportCommand(env));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
