package dev.referent.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code spark}, {@code train} and {@code bench} entries of the CLI only mirror the options of the modules that
 * run them (Spark, PyTorch and CoreNLP stay off the CLI's classpath); this reads those modules' parsers from the
 * source tree and checks that the help lists exactly their options.
 */
class ModuleCommandsTest {

    /** A picocli option's long name in the modules' sources ({@code @Option(names = "--out", ...)}). */
    private static final String OPTION = "names = \\{?\"(--[a-z-]+)\"";

    private static final Set<String> STANDARD = Set.of("-h", "--help", "-V", "--version", "--debug");

    private static Set<String> mirrored(Object command) {
        Set<String> names = new TreeSet<>();
        for (CommandLine.Model.OptionSpec o : new CommandLine(command).getCommandSpec().options()) {
            for (String n : o.names()) {
                if (!STANDARD.contains(n)) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    private static Set<String> parsed(String file, String... patterns) throws IOException {
        String source = Files.readString(Path.of("..").resolve(file));
        Set<String> names = new TreeSet<>();
        for (String p : patterns) {
            Matcher m = Pattern.compile(p).matcher(source);
            while (m.find()) {
                if (!STANDARD.contains(m.group(1))) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    @Test
    void sparkMirrorsTheJobsOptions() throws IOException {
        assertEquals(parsed("referent-spark/src/main/java/dev/referent/spark/ResolveJob.java", "names = \"(--[a-z-]+)\""),
                mirrored(new ModuleCommands.Spark()));
    }

    @Test
    void trainMirrorsTrainMain() throws IOException {
        assertEquals(parsed("referent-train/src/main/java/dev/referent/train/TrainMain.java", OPTION),
                mirrored(new ModuleCommands.Train()));
    }

    @Test
    void benchMirrorsBenchMain() throws IOException {
        assertEquals(parsed("referent-bench/src/main/java/dev/referent/bench/BenchMain.java", OPTION), mirrored(new ModuleCommands.Bench()));
    }
}
