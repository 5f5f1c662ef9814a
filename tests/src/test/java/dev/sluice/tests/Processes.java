package dev.sluice.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a client program (kcat, node, python) to completion and captures what it prints. */
final class Processes {
    /** What one run printed and how it exited. */
    record Result(String program, int exitCode, String stdout, String stderr) {
        Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(program + " exited " + exitCode + ": " + stderr + stdout);
            }
            return this;
        }
    }

    private Processes() {
    }

    /** Runs {@code command} in {@code dir} (null: the current one) with {@code input} (null: none) on stdin. */
    static Result run(Path dir, String input, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("client-out", ".txt");
        Path err = Files.createTempFile("client-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            Process process = builder.start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("did not finish within 120 s: " + String.join(" ", command));
            }
            return new Result(command.get(0), process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
