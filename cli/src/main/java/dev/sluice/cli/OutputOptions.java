package dev.sluice.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --format} option of admin commands (a picocli mixin). Read-only after parsing. */
final class OutputOptions {

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table",
            description = "Output format: table for people, json (one document) for scripts (default: table).")
    Output.Format format = Output.Format.TABLE;

    Output output(PrintWriter out) {
        return new Output(out, format);
    }
}
