package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/** How to start one of the two brokers under comparison, as its own distribution starts it. */
abstract class BrokerKind {

    abstract String name();

    /** One-time work before the clock starts (formatting storage); not part of the startup figure. */
    void prepare(Path dataDir, Ports ports, Path workDir) throws IOException, InterruptedException {
    }

    abstract List<String> command(Path dataDir, Ports ports, Path workDir) throws IOException;

    /** The Kafka listener port and, for Kafka, its controller port. */
    record Ports(int kafka, int controller) {
    }

    /** Sluice started by its launcher, exactly as a user runs it: launcher JVM options, embedded defaults. */
    static final class Sluice extends BrokerKind {
        private final String name;
        private final Path home;

        /** @param name {@code sluice}, or {@code baseline} for the build this one is compared with */
        Sluice(String name, Path home) {
            this.name = name;
            this.home = home;
        }

        @Override
        String name() {
            return name;
        }

        @Override
        List<String> command(Path dataDir, Ports ports, Path workDir) {
            return List.of(home.resolve("bin/sluice").toString(), "server",
                    "--override", "listeners=PLAINTEXT://127.0.0.1:" + ports.kafka(),
                    "--override", "log.dirs=" + dataDir,
                    "--override", "metrics.listener=127.0.0.1:0");
        }
    }

    /**
     * Apache Kafka in KRaft mode as a single combined broker and controller, with the JVM options of
     * {@code kafka-server-start.sh} and the settings of its sample {@code server.properties} that matter on one
     * node (internal topics with one replica, no initial rebalance delay).
     */
    static final class Kafka extends BrokerKind {
        static final List<String> JVM_OPTIONS = List.of("-Xmx1G", "-Xms1G", "-server", "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
                "-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxInlineLevel=15", "-Djava.awt.headless=true");

        private final String classpath;

        Kafka(String classpath) {
            this.classpath = classpath;
        }

        @Override
        String name() {
            return "kafka";
        }

        @Override
        void prepare(Path dataDir, Ports ports, Path workDir) throws IOException, InterruptedException {
            Path properties = writeProperties(dataDir, ports, workDir);
            Path log = workDir.resolve("kafka-format.log");
            Process format = new ProcessBuilder(java(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                    "--standalone", "-t", clusterId(), "-c", properties.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (format.waitFor() != 0) {
                throw new IOException("formatting Kafka's storage failed; see " + log);
            }
        }

        @Override
        List<String> command(Path dataDir, Ports ports, Path workDir) {
            List<String> command = new ArrayList<>();
            command.add(java());
            command.addAll(JVM_OPTIONS);
            command.addAll(List.of("-cp", classpath, "kafka.Kafka", properties(workDir).toString()));
            return command;
        }

        private static Path properties(Path workDir) {
            return workDir.resolve("kafka-server.properties");
        }

        private static Path writeProperties(Path dataDir, Ports ports, Path workDir) throws IOException {
            String controller = "127.0.0.1:" + ports.controller();
            String text = String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.bootstrap.servers=" + controller,
                    "listeners=PLAINTEXT://127.0.0.1:" + ports.kafka() + ",CONTROLLER://" + controller,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + ports.kafka(),
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "log.dirs=" + dataDir,
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "group.initial.rebalance.delay.ms=0",
                    "");
            Path file = properties(workDir);
            Files.writeString(file, text);
            return file;
        }

        /**
         * A KRaft cluster id. Kafka's own generator never returns one that starts with '-', which the storage
         * tool's argument parser would take for an option.
         */
        static String clusterId() {
            return Uuid.randomUuid().toString();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
