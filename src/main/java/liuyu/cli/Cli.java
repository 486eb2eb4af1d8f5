package liuyu.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code serve} runs the service, and so does no argument at all or only Spring settings
 * ({@code --server.port=8081}); every other sub-command is registered in {@code subcommands} below, one entry
 * each. Anything else — an unknown word, an unknown {@code -x} option — prints the usage and exits 2; help
 * exits 0. Neither starts the web server.
 */
@Command(
        name = "liuyu",
        mixinStandardHelpOptions = true,
        version = "liuyu 0.1.0",
        description = "Liuyu (流域): with no command, or 'serve', the web service; and these commands:",
        footer = {
            "",
            "Exit codes: 0 done (or help), 1 refused, 2 usage error. 'liuyu COMMAND --help' shows a command's usage."
        },
        subcommands = {
            Cli.ServeCommand.class,
            ImportCommand.class,
            ImportNetworkCommand.Cli.class,
            CheckCommand.Cli.class,
            BandsCommand.Cli.class,
            PurgeSyntheticCommand.Cli.class,
        })
public final class Cli {
    /**
     * True unless {@code args} start the service: nothing, Spring settings ({@code --name=value}), or {@code serve}
     * with them. Sub-commands, help and anything unknown (usage, exit 2) are the command line's.
     */
    public static boolean handles(String[] args) {
        if (args.length == 0) {
            return false;
        }
        String first = args[0];
        if (first.equals("serve")) {
            return java.util.Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
        }
        boolean springSetting = first.startsWith("--") && !first.equals("--help") && !first.equals("--version");
        return !springSetting;
    }

    /** Runs a sub-command with the process environment and streams; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Cli(), new Factory(env));
        cli.setOut(out);
        cli.setErr(err);
        // a usage error prints what was wrong and the usage of the command it was given to, then exits 2
        cli.setParameterExceptionHandler((e, given) -> {
            CommandLine at = e.getCommandLine();
            at.getErr().println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, at.getErr());
            at.usage(at.getErr());
            return at.getCommandSpec().exitCodeOnInvalidInput();
        });
        if (args.length > 0 && args[0].equals("help")) {
            CommandLine target = args.length > 1 ? cli.getSubcommands().get(args[1]) : cli;
            if (target == null) {
                err.println("liuyu: unknown command '" + args[1] + "'");
                cli.usage(err);
                err.flush();
                return 2;
            }
            target.usage(out);
            out.flush();
            return 0;
        }
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** {@code serve}: only its usage is printed here; the application's main starts the service itself. */
    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description = {
                "Run the web service (also what no command at all does): serve [--NAME=VALUE …].",
                "Settings are Spring properties, e.g. --server.port=8081 --liuyu.atlas.dir=/srv/atlas "
                        + "--spring.profiles.active=dev; a relative --liuyu.atlas.dir is read from the current directory.",
                "See README.md (Settings) and docs/deploy.md."
            })
    static final class ServeCommand implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Unmatched
        java.util.List<String> settings = new java.util.ArrayList<>();

        @picocli.CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }
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
