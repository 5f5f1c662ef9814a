package dev.sluice.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A broker process started for one round: its pid, port and how long it took to become ready. */
final class RunningBroker implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 120_000;
    private static final long STOP_GRACE_SECONDS = 60;

    final BrokerKind kind;
    final int port;
    final double startupSeconds;
    private final Process process;
    private final Path dataDir;
    private final Path log;

    private RunningBroker(BrokerKind kind, int port, double startupSeconds, Process process, Path dataDir,
            Path log) {
        this.kind = kind;
        this.port = port;
        this.startupSeconds = startupSeconds;
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** Starts the broker on an empty data directory and waits until it answers Metadata. */
    static RunningBroker start(BrokerKind kind, Path workDir) throws IOException, InterruptedException {
        Path dataDir = workDir.resolve(kind.name() + "-data");
        Files.createDirectories(dataDir);
        BrokerKind.Ports ports = new BrokerKind.Ports(freePort(), freePort());
        kind.prepare(dataDir, ports, workDir);
        Path log = workDir.resolve(kind.name() + ".log");
        long started = System.nanoTime();
        Process process = Children.track(new ProcessBuilder(kind.command(dataDir, ports, workDir))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        if (!ReadinessProbe.await(ports.kafka(), process, START_TIMEOUT_MILLIS)) {
            String why = process.isAlive()
                    ? "did not become ready within " + START_TIMEOUT_MILLIS / 1000 + " s"
                    : "exited with status " + process.exitValue() + " before it was ready";
            process.destroyForcibly().waitFor();
            throw new IOException(kind.name() + " " + why + "; its output is in " + log);
        }
        double startup = (System.nanoTime() - started) / 1e9;
        return new RunningBroker(kind, ports.kafka(), startup, process, dataDir, log);
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts counting the CPU the broker uses from now until {@link CpuWindow#end}. */
    CpuWindow cpuWindow() {
        return new CpuWindow();
    }

    /** What the broker used in a window: in all, and the part its JIT compiler threads used. */
    record CpuUsed(ProcStat.CpuTimes times, long compilerNanos) {
        double compilerSeconds() {
            return compilerNanos / 1e9;
        }
    }

    /**
     * The broker's CPU readings at a window's start. The compilers' window lies inside the whole broker's, so
     * that it cannot catch work the other missed.
     */
    final class CpuWindow {
        private final ProcStat.CpuTimes times = ProcStat.cpuTimes(process.pid());
        private final long compilerNanos = ProcStat.compilerCpuNanos(process.pid());

        CpuUsed end() {
            long compilers = ProcStat.compilerCpuNanos(process.pid()) - compilerNanos;
            return new CpuUsed(ProcStat.cpuTimes(process.pid()).minus(times), compilers);
        }
    }

    long rssBytes() {
        return ProcStat.rssBytes(process.pid());
    }

    void ensureAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(kind.name() + " exited with status " + process.exitValue() + "; see " + log);
        }
    }

    /** Stops the broker as an operator would (SIGTERM, then kill after a grace period) and removes its data. */
    @Override
    public void close() throws IOException, InterruptedException {
        Children.stop(process, STOP_GRACE_SECONDS);
        Dirs.delete(dataDir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
