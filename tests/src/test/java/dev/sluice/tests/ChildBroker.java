package dev.sluice.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A broker in a separate JVM started with {@code sluice server}, so tests can kill it with SIGKILL and
 * restart it on the same data directory and port.
 */
final class ChildBroker implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final StringBuilder output = new StringBuilder();
    private Process process;

    ChildBroker(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and waits for its startup line. */
    void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.sluice.cli.Sluice", "server",
                "--override", "listeners=PLAINTEXT://127.0.0.1:" + port,
                "--override", "log.dirs=" + dataDir,
                "--override", "metrics.listener=127.0.0.1:0"));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.contains("listening on")) {
                        started.complete(line);
                    }
                }
            } catch (IOException ignored) {
                // The process was killed; its output simply ends.
            }
            started.completeExceptionally(new AssertionError("broker exited before starting:\n" + output()));
        }, "child-broker-output");
        reader.setDaemon(true);
        reader.start();
        started.get(60, TimeUnit.SECONDS);
    }

    /** Everything the broker processes of this instance printed, every start included: for failure messages. */
    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no clean-shutdown marker. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
