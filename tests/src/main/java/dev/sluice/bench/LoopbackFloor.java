package dev.sluice.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice bench loopback-floor}: what it costs one thread to send a file over a loopback connection and
 * nothing else, no requests, no broker. On loopback the sending thread also runs the kernel's delivery into the
 * receiving socket, so this is about the least CPU a broker spends per byte it serves to a consumer on the same
 * machine, the floor under the consume workloads' broker CPU (a consumer that sleeps between reads can take part
 * of the delivery onto its own CPU).
 */
@Command(name = "loopback-floor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send a file over loopback from one thread to another and print each thread's CPU per "
                + "GiB: about the least a broker spends serving those bytes to a consumer on this machine.",
            "Give it a segment file of a consume workload's topic to see the floor under that workload."})
final class LoopbackFloor implements Callable<Integer> {
    private static final double GIB = 1 << 30;

    /** How the sender hands the file's bytes to the socket. */
    enum Mode {
        /** {@code FileChannel.transferTo}: sendfile, the page cache's pages go into the socket by reference. */
        sendfile,
        /** {@code SocketChannel.write} from a read-only mapping of the file: the kernel copies into the socket. */
        copy
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The file to send (at most 2 GiB), e.g. a segment file.")
    Path file;

    @Option(names = "--mode", split = ",", defaultValue = "sendfile,copy",
            description = "sendfile, copy or both, alternately (default ${DEFAULT-VALUE}).")
    Mode[] modes;

    @Option(names = "--chunk-bytes", defaultValue = "1048576",
            description = "Bytes per send, as a fetch response carries per partition (default ${DEFAULT-VALUE}).")
    int chunkBytes;

    @Option(names = "--send-buffer-bytes", defaultValue = "0", description = "The sender's SO_SNDBUF; 0 leaves "
            + "it to the kernel, as Sluice does by default, 102400 is Kafka's default (default ${DEFAULT-VALUE}).")
    int sendBufferBytes;

    @Option(names = "--receive-buffer-bytes", defaultValue = "0", description = "The receiver's SO_RCVBUF; 0 "
            + "leaves it to the kernel as kcat does, 65536 is the Java consumer's default (default "
            + "${DEFAULT-VALUE}).")
    int receiveBufferBytes;

    @Option(names = "--read-bytes", defaultValue = "262144",
            description = "Bytes the receiver asks for per read (default ${DEFAULT-VALUE}).")
    int readBytes;

    @Option(names = "--runs", defaultValue = "5", description = "Sends per mode (default ${DEFAULT-VALUE}).")
    int runs;

    private final PrintStream out;
    /** Checksums what arrives; off when measuring, since the checksum is CPU of the receiver's own. */
    boolean verify;

    LoopbackFloor(PrintStream out) {
        this.out = out;
    }

    /** CPU of each side of one send, and what the receiver got. */
    record Run(Mode mode, long bytes, long senderCpuNanos, long receiverCpuNanos, long wallNanos, long checksum) {
        double senderSecondsPerGib() {
            return senderCpuNanos / 1e9 / (bytes / GIB);
        }

        double receiverSecondsPerGib() {
            return receiverCpuNanos / 1e9 / (bytes / GIB);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (chunkBytes < 1 || readBytes < 1 || runs < 1 || sendBufferBytes < 0 || receiveBufferBytes < 0) {
            throw new ParameterException(spec.commandLine(), "--chunk-bytes, --read-bytes and --runs must be "
                    + "positive and the buffer sizes not negative");
        }
        if (Files.size(file) > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), file + " is larger than 2 GiB; give it a segment");
        }
        out.printf(Locale.ROOT, "%s: CPU seconds per GiB sent, sending thread / receiving thread%n", file);
        for (int run = 1; run <= runs; run++) {
            for (Mode mode : modes) {
                Run result = send(mode);
                out.printf(Locale.ROOT, "run %d %-8s sender %.3f  receiver %.3f  (%.0f ms)%n", run, mode,
                        result.senderSecondsPerGib(), result.receiverSecondsPerGib(), result.wallNanos / 1e6);
            }
        }
        return 0;
    }

    /** Sends the file once; {@link #call} has refused a file over 2 GiB, which one mapping cannot hold. */
    Run send(Mode mode) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (ServerSocketChannel server = ServerSocketChannel.open();
             FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = source.size();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel receiving = SocketChannel.open()) {
                if (receiveBufferBytes > 0) {
                    receiving.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
                }
                receiving.connect(server.getLocalAddress());
                try (SocketChannel sending = server.accept()) {
                    if (sendBufferBytes > 0) {
                        sending.setOption(StandardSocketOptions.SO_SNDBUF, sendBufferBytes);
                    }
                    CompletableFuture<Received> received = CompletableFuture.supplyAsync(
                            () -> receive(receiving, threads),
                            runnable -> new Thread(runnable, "loopback-floor-receiver").start());
                    long wallStart = System.nanoTime();
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    if (mode == Mode.sendfile) {
                        sendfile(source, size, sending);
                    } else {
                        copy(source, size, sending);
                    }
                    sending.shutdownOutput();
                    long senderCpu = threads.getCurrentThreadCpuTime() - cpuStart;
                    Received result = received.join();
                    return new Run(mode, result.bytes, senderCpu, result.cpuNanos, System.nanoTime() - wallStart,
                            result.checksum);
                }
            }
        }
    }

    private void sendfile(FileChannel source, long size, SocketChannel socket) throws IOException {
        for (long position = 0; position < size; ) {
            long end = Math.min(size, position + chunkBytes);
            while (position < end) {
                position += source.transferTo(position, end - position, socket);
            }
        }
    }

    private void copy(FileChannel source, long size, SocketChannel socket) throws IOException {
        MappedByteBuffer mapping = source.map(FileChannel.MapMode.READ_ONLY, 0, size);
        for (int position = 0; position < size; ) {
            ByteBuffer chunk = mapping.slice(position, (int) Math.min(chunkBytes, size - position));
            while (chunk.hasRemaining()) {
                socket.write(chunk);
            }
            position += chunk.capacity();
        }
    }

    private record Received(long bytes, long cpuNanos, long checksum) {
    }

    /** Reads until the sender is done; the checksum is the CRC-32C of what arrived when verifying, else 0. */
    private Received receive(SocketChannel socket, ThreadMXBean threads) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        try {
            ByteBuffer buffer = ByteBuffer.allocateDirect(readBytes);
            CRC32C crc = new CRC32C();
            long bytes = 0;
            for (int n; (n = socket.read(buffer.clear())) >= 0; ) {
                bytes += n;
                if (verify) {
                    crc.update(buffer.flip());
                }
            }
            return new Received(bytes, threads.getCurrentThreadCpuTime() - cpuStart, crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
