package liuyu.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Leaves a command-line run's code to HotSpot's quick compiler (C1): a layer import lasts seconds, too short for the
 * optimising compiler (C2) to pay for itself. Profiled on 100,000 polygons into PostGIS (BENCHMARKS.md, "Import"),
 * C2 spent 3.3–3.5 s of CPU compiling while the import's own thread ran no faster than with C1 alone. The JVM
 * flag {@code -XX:TieredStopAtLevel=1} would say so, but a user runs {@code java -jar … import}; this asks the
 * running JVM instead, through the command jcmd calls {@code Compiler.directives_add}: every method is excluded
 * from C2, so HotSpot compiles it with C1 only. Best effort: on a JVM without that command nothing changes, and the
 * import runs exactly as before, only compiled differently.
 */
public final class ShortRunCompilation {
    private static final String NO_C2 = "[{match: \"*.*\", c2: {Exclude: true}}]";

    private ShortRunCompilation() {}

    /** Asks HotSpot to compile with C1 only from now on; true if it accepted. */
    public static boolean c1Only() {
        Path directives = null;
        try {
            directives = Files.createTempFile("liuyu-jit-", ".json");
            Files.writeString(directives, NO_C2);
            Object answer = ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "compilerDirectivesAdd",
                            new Object[] {new String[] {directives.toString()}},
                            new String[] {String[].class.getName()});
            return String.valueOf(answer).contains("1 compiler directives added");
        } catch (JMException | java.io.IOException | RuntimeException e) {
            return false; // another JVM, or management left out of the runtime: C2 stays on
        } finally {
            if (directives != null) {
                try {
                    Files.deleteIfExists(directives);
                } catch (java.io.IOException e) {
                    // a temp file left behind is harmless
                }
            }
        }
    }
}
