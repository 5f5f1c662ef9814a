package dev.sluice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import picocli.CommandLine;

/** Runs the {@code sluice} command line in-process and captures what it prints. */
final class SluiceRunner {

    /** The outcome of one run. */
    record Result(int status, String out, String err) { }

    private SluiceRunner() {
    }

    static Result run(String... args) {
        return run(Sluice.commandLine(), args);
    }

    static Result run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    /** A loopback address on which nothing listens: connections to it are refused at once. */
    static String closedLocalAddress() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }
}
