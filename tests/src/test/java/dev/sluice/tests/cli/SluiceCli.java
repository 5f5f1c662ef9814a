package dev.sluice.tests.cli;

import dev.sluice.cli.Sluice;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the {@code sluice} command line in this JVM, exactly as {@code main} configures it, and captures
 * its exit status, stdout and stderr. Commands that read standard input get it from a string. Not
 * thread-safe with respect to {@link System#in}: the tests that use it run one command at a time.
 */
final class SluiceCli {

    /** The outcome of one run. */
    record Result(int status, String out, String err) {

        /** Stdout split into lines, without the trailing empty line. */
        List<String> outLines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private SluiceCli() {
    }

    static Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs with {@code input} as standard input, which the command line captures when it is built. */
    static Result runWithInput(String input, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            CommandLine commandLine = Sluice.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            int status = commandLine.execute(args);
            return new Result(status, out.toString(), err.toString());
        } finally {
            System.setIn(original);
        }
    }

    /** {@code args} followed by {@code --bootstrap bootstrap}. */
    static String[] against(String bootstrap, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--bootstrap");
        all.add(bootstrap);
        return all.toArray(String[]::new);
    }
}
