package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.sluice.bench.load.EndToEndLoad;
import dev.sluice.bench.load.LatencyLoad;

/** The workload matrix: what runs in every round, in this order, against each broker. */
final class Workloads {
    private static final int[] RECORD_SIZES = {100, 1024};
    private static final int[] PARTITIONS = {1, 6};
    /** The final summary line of Kafka's ProducerPerformance. */
    private static final Pattern PERF_SUMMARY = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");
    /** Columns of ConsumerPerformance's summary line: records read, and records per second of fetching. */
    private static final int CONSUMED_RECORDS = 4;
    private static final int FETCH_RECORDS_PER_SECOND = 9;

    private Workloads() {
    }

    /** The generators: what most users run (Java client defaults) and a high-batching one (librdkafka). */
    enum Client {
        JAVA("java"), KCAT("kcat");

        final String label;

        Client(String label) {
            this.label = label;
        }
    }

    static List<Workload> all(List<Integer> rates) {
        List<Workload> workloads = new ArrayList<>();
        for (Client client : Client.values()) {
            for (int size : RECORD_SIZES) {
                for (String acks : List.of("1", "all")) {
                    for (int partitions : PARTITIONS) {
                        workloads.add(new Produce(size, acks, partitions, client));
                    }
                }
            }
        }
        workloads.add(new MemoryAfterProduce());
        for (Client client : Client.values()) {
            for (int size : RECORD_SIZES) {
                for (int partitions : PARTITIONS) {
                    workloads.add(new Consume(size, partitions, client));
                }
            }
        }
        for (int rate : rates) {
            workloads.add(new Latency(rate));
        }
        workloads.add(new EndToEnd());
        return workloads;
    }

    /** The topic the Java generator filled with acks=all: what the consume workloads read. */
    static String produceTopic(int size, String acks, int partitions, Client client) {
        return "produce-" + size + "b-acks" + acks + "-p" + partitions + "-" + client.label;
    }

    static String sizeLabel(int size) {
        return size >= 1024 ? size / 1024 + " KiB" : size + " B";
    }

    static String partitionsLabel(int partitions) {
        return partitions + (partitions == 1 ? " partition" : " partitions");
    }

    /** A file of {@code records} lines of {@code size} bytes each, made once per run, for kcat. */
    static Path lines(Settings settings, int size, long records) throws IOException {
        Path file = settings.workDir().resolve("lines-" + size + "b-" + records + ".txt");
        if (Files.exists(file)) {
            return file;
        }
        byte[] line = new byte[size + 1];
        Arrays.fill(line, (byte) 'x');
        line[size] = '\n';
        Path partial = settings.workDir().resolve(file.getFileName() + ".partial");
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
            for (long i = 0; i < records; i++) {
                out.write(line);
            }
        }
        Files.move(partial, file);
        return file;
    }

    /**
     * Kafka's throughput tools get their whole heap touched before their main method runs: on a virtual machine
     * the first write to fresh memory is several times dearer than to recycled pages, and how much fresh heap a
     * short run touches follows its garbage collector's pacing, not the broker's work.
     */
    private static final List<String> THROUGHPUT_GENERATOR_JVM = List.of("-Xms512m", "-Xmx512m",
            "-XX:+AlwaysPreTouch");

    /** The latency generators' heap grows as they need it: committed and touched at start, their p99 rose. */
    private static final List<String> LATENCY_GENERATOR_JVM = List.of("-Xmx512m");

    private static List<String> javaCommand(List<String> jvm, String classpath, String main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(BrokerKind.java());
        command.addAll(jvm);
        command.addAll(List.of("-cp", classpath, main));
        command.addAll(List.of(args));
        return command;
    }

    record Produce(int size, String acks, int partitions, Client client) implements Workload {
        @Override
        public String id() {
            return produceTopic(size, acks, partitions, client);
        }

        @Override
        public String title() {
            return "produce " + sizeLabel(size) + " acks=" + acks + ", " + partitionsLabel(partitions) + ", "
                    + client.label;
        }

        @Override
        public boolean warmsUp() {
            return true;
        }

        @Override
        public void run(Round round) throws Exception {
            long records = round.recordsFor(size);
            String topic = round.topic(id());
            round.createTopic(topic, partitions);
            List<String> command;
            if (client == Client.JAVA) {
                command = javaCommand(THROUGHPUT_GENERATOR_JVM, round.settings.kafkaClasspath(),
                        "org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records",
                        Long.toString(records), "--record-size", Integer.toString(size), "--throughput", "-1",
                        "--producer-props", "bootstrap.servers=" + round.broker.bootstrap(), "acks=" + acks);
            } else {
                command = List.of("kcat", "-P", "-b", round.broker.bootstrap(), "-t", topic, "-l",
                        "-X", "linger.ms=5", "-X", "batch.size=1000000", "-X", "batch.num.messages=100000",
                        "-X", "topic.request.required.acks=" + ("all".equals(acks) ? "-1" : acks),
                        lines(round.settings, size, records).toString());
            }
            Generator.Outcome outcome;
            try (Bar bar = round.bar(title(), records, "rec")) {
                List<String> finalCommand = command;
                outcome = round.measure(title(), records,
                        () -> Generator.run(finalCommand, round.workDir,
                                round.broker() + "-" + topic, round.broker, bar,
                                () -> round.endOffsets(topic, partitions),
                                round.settings.timeoutSeconds(records)));
            }
            long stored = round.endOffsets(topic, partitions);
            round.check(stored == records, topic + " holds " + stored + " records after producing " + records);
            double throughput;
            if (client == Client.JAVA) {
                throughput = Double.NaN;
                for (Matcher summary = PERF_SUMMARY.matcher(outcome.stdout()); summary.find(); ) {
                    throughput = Double.parseDouble(summary.group(2));
                }
            } else {
                throughput = records / outcome.wallSeconds();
            }
            round.check(!Double.isNaN(throughput), "no summary line from ProducerPerformance");
            round.record(Figure.throughput(title()), throughput);
        }
    }

    /** Resident memory of the broker once all produce workloads have run. */
    record MemoryAfterProduce() implements Workload {
        @Override
        public String id() {
            return "rss";
        }

        @Override
        public String title() {
            return "broker";
        }

        @Override
        public void run(Round round) {
            round.record(Figure.rssAfterProduce(), round.broker.rssBytes() / 1e6);
        }
    }

    record Consume(int size, int partitions, Client client) implements Workload {
        @Override
        public String id() {
            return "consume-" + size + "b-p" + partitions + "-" + client.label;
        }

        @Override
        public String title() {
            return "consume " + sizeLabel(size) + ", " + partitionsLabel(partitions) + ", " + client.label;
        }

        @Override
        public boolean warmsUp() {
            return true;
        }

        @Override
        public String reads() {
            return produceTopic(size, "all", partitions, Client.JAVA);
        }

        @Override
        public void run(Round round) throws Exception {
            String topic = round.topic(reads());
            long records = round.endOffsets(topic, partitions);
            round.check(records > 0, "consume workloads need " + topic + "; run the produce workloads too");
            int passes = round.consumePasses();
            long total = records * passes;
            double seconds;
            try (Bar bar = round.bar(title(), total, "rec")) {
                seconds = round.measure(title(), total, () -> {
                    double sum = 0;
                    for (int pass = 0; pass < passes; pass++) {
                        sum += readOnce(round, topic, records, pass, bar);
                    }
                    return sum;
                });
            }
            round.record(Figure.throughput(title()), total / seconds);
        }

        /** Reads the whole topic with a new generator; returns the seconds its throughput figure covers. */
        private double readOnce(Round round, String topic, long records, int pass, Bar bar) throws Exception {
            String name = round.outputName(id()) + "-" + pass;
            Path stdout = round.workDir.resolve(name + ".out");
            // A group of its own per pass: a group that has committed would start where it left off.
            String group = "bench-" + name;
            List<String> command = client == Client.JAVA
                    // A consumer group with the tool's default client settings; its commits show progress.
                    ? javaCommand(THROUGHPUT_GENERATOR_JVM, round.settings.kafkaClasspath(),
                            "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server",
                            round.broker.bootstrap(), "--topic", topic, "--num-records", Long.toString(records),
                            "--group", group, "--hide-header")
                    // One byte per record on stdout: the count, for progress and the check, at no cost. kcat
                    // stops at the end only once a fetch comes back empty, which a broker holds for
                    // fetch.wait.max.ms (500 ms by default): a fixed half second in runs of about one, so empty
                    // fetches are answered at once. Offset 0 rather than "beginning" spares an offset lookup
                    // that librdkafka at times starts on a 500 ms timer, when metadata comes after the assignment.
                    : List.of("kcat", "-C", "-b", round.broker.bootstrap(), "-t", topic, "-o", "0", "-e",
                            "-X", "fetch.wait.max.ms=0", "-q", "-f", ".");
            long done = records * pass;
            Generator.Outcome outcome = Generator.run(command, round.workDir, name, round.broker, bar,
                    client == Client.JAVA ? () -> done + round.committedOffsets(group)
                            : () -> done + Generator.size(stdout),
                    round.settings.timeoutSeconds(records));
            if (client == Client.KCAT) {
                round.check(outcome.stdout().length() == records, "kcat read " + outcome.stdout().length()
                        + " of " + records + " records");
                return outcome.wallSeconds();
            }
            String[] summary = outcome.stdout().strip().lines().reduce((a, b) -> b).orElse("").split(",");
            round.check(summary.length > FETCH_RECORDS_PER_SECOND, "no summary line from ConsumerPerformance: "
                    + outcome.stdout());
            long read = Long.parseLong(summary[CONSUMED_RECORDS].strip());
            round.check(read == records, "ConsumerPerformance read " + read + " of " + records + " records");
            // Records per second while fetching: the group's join is not part of the fetch path's figure.
            return records / Double.parseDouble(summary[FETCH_RECORDS_PER_SECOND].strip());
        }
    }

    record Latency(int rate) implements Workload {
        @Override
        public String id() {
            return "latency-" + rate;
        }

        @Override
        public String title() {
            return "produce latency at " + rate / 1000 + "k records/s, acks=all, 100 B";
        }

        @Override
        public void run(Round round) throws Exception {
            String topic = id();
            round.createTopic(topic, 1);
            int seconds = round.settings.latencySeconds();
            long records = (long) rate * (round.settings.warmUpSeconds() + seconds);
            Path progress = round.file(id() + ".progress");
            List<String> command = javaCommand(LATENCY_GENERATOR_JVM, round.settings.harnessClasspath(),
                    LatencyLoad.class.getName(), round.broker.bootstrap(), topic, Integer.toString(rate),
                    Integer.toString(round.settings.warmUpSeconds()), Integer.toString(seconds), "100", "all",
                    progress.toString());
            Generator.Outcome outcome;
            try (Bar bar = round.bar(title(), records, "rec")) {
                outcome = round.measure(title(), records,
                        () -> Generator.run(command, round.workDir,
                                round.broker() + "-" + id(), round.broker, bar,
                                () -> Generator.readCount(progress),
                                round.settings.timeoutSeconds(records)));
            }
            Map<String, Double> report = outcome.report();
            round.check(report.getOrDefault("errors", 1.0) == 0, report.get("errors") + " sends failed");
            recordLatencies(round, title(), report);
            round.record(new Figure(title(), "achieved rate", "records/s", true), report.get("achieved_rate"));
        }
    }

    record EndToEnd() implements Workload {
        @Override
        public String id() {
            return "end-to-end";
        }

        @Override
        public String title() {
            return "end-to-end latency (produce to consume)";
        }

        /** The workload of its figures, which names the rate. */
        static String titleAt(int rate) {
            return new EndToEnd().title() + " at " + rate + " records/s";
        }

        @Override
        public void run(Round round) throws Exception {
            String topic = id();
            round.createTopic(topic, 1);
            int rate = round.settings.endToEndRate();
            int seconds = round.settings.endToEndSeconds();
            int warmUpSeconds = round.settings.endToEndWarmUpSeconds();
            long records = (long) rate * (warmUpSeconds + seconds);
            Path progress = round.file(id() + ".progress");
            List<String> command = javaCommand(LATENCY_GENERATOR_JVM, round.settings.harnessClasspath(),
                    EndToEndLoad.class.getName(), round.broker.bootstrap(), topic, Integer.toString(rate),
                    Integer.toString(warmUpSeconds), Integer.toString(seconds), "100", progress.toString());
            Generator.Outcome outcome;
            try (Bar bar = round.bar(title() + " at " + rate + "/s", records, "rec")) {
                outcome = Generator.run(command, round.workDir, round.broker() + "-" + id(),
                        round.broker, bar, () -> Generator.readCount(progress),
                        round.settings.timeoutSeconds(records));
            }
            recordLatencies(round, titleAt(rate), outcome.report());
        }
    }

    private static void recordLatencies(Round round, String title, Map<String, Double> report) throws IOException {
        round.check(report.containsKey("p99_ms"), "no latency report");
        round.record(Figure.latency(title, "p50"), report.get("p50_ms"));
        round.record(Figure.latency(title, "p99"), report.get("p99_ms"));
        round.record(Figure.latency(title, "p99.9"), report.get("p999_ms"));
    }
}
