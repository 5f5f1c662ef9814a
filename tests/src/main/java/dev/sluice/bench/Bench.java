package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice bench}: runs the same workloads against Sluice and Apache Kafka, alternately, round after
 * round, and reports each figure for both with the Sluice/Kafka ratio per round.
 */
@Command(name = "sluice bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark Sluice side by side with Apache Kafka on this machine.",
            "Each round starts each broker on an empty data directory (Sluice first, then Kafka), runs every "
                    + "workload against it and stops it. Broker CPU is read from /proc around each workload."})
public final class Bench implements Callable<Integer> {
    static final String MARKDOWN_BEGIN = "<!-- bench-results:begin -->";
    static final String MARKDOWN_END = "<!-- bench-results:end -->";

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of A/B runs (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--records", defaultValue = "1000000",
            description = "Records per 100 B workload; 1 KiB workloads use a quarter (default ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--rates", split = ",", defaultValue = "10000,50000,100000",
            description = "Fixed produce rates for the latency workloads, records/s (default ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--warm-up-records", defaultValue = "1000000",
            description = "After each broker start, every produce and consume workload first runs unmeasured with "
                    + "this many records per 100 B workload (default ${DEFAULT-VALUE}).")
    long warmUpRecords;

    @Option(names = "--warm-up-passes", defaultValue = "3",
            description = "Times the warm-up runs the workloads after each broker start, each time on new topics. "
                    + "On two cores a JVM broker's JIT compilers are still busy after one pass "
                    + "(default ${DEFAULT-VALUE}).")
    int warmUpPasses;

    @Option(names = "--consume-passes", defaultValue = "5",
            description = "Times each consume workload reads its topic, each time with a new generator. One pass "
                    + "takes a broker only a few of the kernel's 10 ms CPU ticks (default ${DEFAULT-VALUE}).")
    int consumePasses;

    @Option(names = "--warm-up-seconds", defaultValue = "5",
            description = "Unmeasured seconds at the start of each latency workload, while the client's JIT "
                    + "compiler catches up (default ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Option(names = "--latency-seconds", defaultValue = "10",
            description = "Measured seconds per latency workload, after the warm-up (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--e2e-rate", defaultValue = "1000",
            description = "Records/s of the end-to-end latency workload (default ${DEFAULT-VALUE}).")
    int endToEndRate;

    @Option(names = "--e2e-warm-up-seconds", defaultValue = "30",
            description = "Unmeasured seconds at the start of the end-to-end workload. At a low rate the client's "
                    + "JIT compiler needs this long to settle; until then it competes for the CPUs "
                    + "(default ${DEFAULT-VALUE}).")
    int endToEndWarmUpSeconds;

    @Option(names = "--e2e-seconds", defaultValue = "10",
            description = "Measured seconds of the end-to-end workload (default ${DEFAULT-VALUE}).")
    int endToEndSeconds;

    @Option(names = "--workloads", paramLabel = "REGEX",
            description = "Run only workloads whose id matches (see --list).")
    Pattern workloads;

    @Option(names = "--brokers", split = ",", paramLabel = "NAME",
            description = "Brokers to run, in order: sluice, kafka, baseline (default: sluice,kafka; with "
                    + "--baseline, sluice,baseline).")
    List<String> brokers;

    @Option(names = "--baseline", paramLabel = "DIR", description = "Another Sluice checkout to compare this one "
            + "with: its broker, named baseline, takes Kafka's place in each round and the ratios are "
            + "Sluice/baseline. For measuring a change to Sluice with the rounds alternating as they do against "
            + "Kafka.")
    Path baseline;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where data, logs and generator output go (default: a new directory under /tmp).")
    Path workDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Write every figure of every round as JSON.")
    Path json;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Replace the results section of this "
            + "Markdown file (between " + MARKDOWN_BEGIN + " and " + MARKDOWN_END + ").")
    Path markdown;

    @Option(names = "--home", paramLabel = "DIR", description = "Sluice source checkout (default: sluice.home or .).")
    Path home;

    @Option(names = "--ballast-mb", paramLabel = "MB", description = "Before each broker's round, fill the free "
            + "memory with a clean file of at most this many MB, kept until the next round, so that the broker's "
            + "page cache comes from reclaimed pages, as on a busy machine (default: all free memory but 1 GiB; "
            + "0 for none).")
    Long ballastMegabytes;

    @Option(names = "--no-warm-up", description = "Measure from a cold start: skip the warm-up after each "
            + "broker start.")
    boolean noWarmUp;

    @Option(names = "--no-progress", description = "Print one line per workload instead of progress bars.")
    boolean noProgress;

    @Option(names = "--list", description = "List the workload ids and exit.")
    boolean list;

    private final PrintStream log;
    private final List<String> arguments;

    Bench(PrintStream log, String... arguments) {
        this.log = log;
        this.arguments = List.of(arguments);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench(System.out, args))
                .addSubcommand("loopback-floor", new LoopbackFloor(System.out)).execute(args));
    }

    /** Runs the benchmark with command-line arguments, as {@code sluice bench} does; returns the results. */
    static Results run(PrintStream log, String... args) throws Exception {
        Bench bench = new Bench(log, args);
        new CommandLine(bench).parseArgs(args);
        return bench.execute();
    }

    private CommandLine.ParameterException refusal(String message) {
        return new CommandLine.ParameterException(new CommandLine(this), message);
    }

    @Override
    public Integer call() throws Exception {
        execute();
        return 0;
    }

    private Results execute() throws Exception {
        if (consumePasses < 1) {
            throw refusal("--consume-passes must be at least 1");
        }
        if (warmUpPasses < 1) {
            throw refusal("--warm-up-passes must be at least 1; --no-warm-up skips the warm-up");
        }
        if (ballastMegabytes != null && ballastMegabytes < 0) {
            throw refusal("--ballast-mb must not be negative");
        }
        Path sluiceHome = (home != null ? home : Path.of(System.getProperty("sluice.home", "."))).toAbsolutePath()
                .normalize();
        List<String> names = brokers != null ? brokers
                : List.of(Results.SLUICE, baseline != null ? Results.BASELINE : Results.KAFKA);
        for (String name : names) {
            if (!List.of(Results.SLUICE, Results.KAFKA, Results.BASELINE).contains(name)) {
                throw refusal("unknown broker '" + name + "'; use sluice, kafka or baseline");
            }
        }
        if (names.contains(Results.BASELINE) && names.contains(Results.KAFKA)) {
            throw refusal("--brokers compares Sluice with kafka or with baseline, not both in one run");
        }
        if (names.contains(Results.BASELINE) && baseline == null) {
            throw refusal("--brokers baseline needs --baseline DIR, the Sluice checkout to compare with");
        }
        if (baseline != null && !Files.isExecutable(baseline.resolve("bin/sluice"))) {
            throw refusal("--baseline " + baseline + " is not a Sluice checkout: it has no bin/sluice");
        }
        List<Workload> all = Workloads.all(rates);
        if (list) {
            all.forEach(w -> log.println(w.id() + "  " + w.title()));
            return null;
        }
        List<Workload> selected = new ArrayList<>();
        for (Workload workload : all) {
            if (workloads == null || workloads.matcher(workload.id()).find()) {
                selected.add(workload);
            }
        }
        if (selected.isEmpty()) {
            throw refusal("--workloads " + workloads + " matches no workload; --list prints their ids");
        }
        List<String> selectedIds = selected.stream().map(Workload::id).toList();
        for (Workload workload : selected) {
            if (workload.reads() != null && !selectedIds.subList(0, selectedIds.indexOf(workload.id()))
                    .contains(workload.reads())) {
                throw refusal("--workloads: " + workload.id() + " reads what " + workload.reads()
                        + " writes; select that one too");
            }
        }
        Path dir = workDir != null ? workDir : Files.createTempDirectory("sluice-bench");
        Files.createDirectories(dir);
        boolean interactive = !noProgress && System.console() != null;
        String kafkaClasspath = KafkaDistribution.classpath(sluiceHome, log);
        Settings settings = new Settings(sluiceHome, dir.toAbsolutePath(), rounds, records, rates, warmUpRecords,
                noWarmUp ? 0 : warmUpPasses, consumePasses, warmUpSeconds, latencySeconds, endToEndRate,
                endToEndWarmUpSeconds, endToEndSeconds, interactive, System.getProperty("java.class.path"),
                kafkaClasspath);
        List<BrokerKind> kinds = new ArrayList<>();
        for (String name : names) {
            kinds.add(switch (name) {
                case Results.SLUICE -> new BrokerKind.Sluice(name, sluiceHome);
                case Results.BASELINE -> new BrokerKind.Sluice(name, baseline.toAbsolutePath().normalize());
                default -> new BrokerKind.Kafka(kafkaClasspath);
            });
        }
        log.println("work directory " + settings.workDir() + "; " + selected.size() + " workloads, " + rounds
                + " rounds");
        // A start that is not measured: Sluice writes its class-data archive on the first start after a build,
        // and both brokers' jars get into the page cache, as on any machine that has run a broker before.
        for (BrokerKind kind : kinds) {
            log.println("first start of " + kind.name() + " (not measured)");
            RunningBroker.start(kind, settings.workDir()).close();
        }
        Results results = new Results(rounds, Results.SLUICE,
                names.contains(Results.BASELINE) ? Results.BASELINE : Results.KAFKA);
        Path ballast = settings.workDir().resolve("ballast.tmp");
        try {
            for (int round = 0; round < rounds; round++) {
                for (BrokerKind kind : kinds) {
                    log.println("round " + (round + 1) + "/" + rounds + ": " + kind.name());
                    long size = Machine.refillBallast(ballast,
                            ballastMegabytes == null ? Long.MAX_VALUE : ballastMegabytes << 20);
                    log.printf("  ballast %d MB, %d MB of memory free%n", size >> 20,
                            Machine.meminfoBytes("MemFree") >> 20);
                    runRound(settings, kind, round, selected, results);
                }
            }
        } finally {
            Files.deleteIfExists(ballast);
        }
        log.println();
        log.print(results.text());
        List<List<String>> targets = Targets.rows(Targets.all(settings), results);
        if (targets.size() > 1) {
            log.println();
            log.print(Results.text(targets));
        }
        write(results, targets, settings);
        return results;
    }

    private void runRound(Settings settings, BrokerKind kind, int round, List<Workload> selected, Results results)
            throws Exception {
        try (RunningBroker broker = RunningBroker.start(kind, settings.workDir())) {
            log.printf("  started in %.2f s%n", broker.startupSeconds);
            warmUp(settings, broker, round, selected, results);
            try (Round context = new Round(settings, broker, round, results, log, 0)) {
                context.record(Figure.startup(), broker.startupSeconds);
                for (Workload workload : selected) {
                    workload.run(context);
                }
            }
        }
    }

    /**
     * Runs the workloads unmeasured, as many times as the settings say (none with {@code --no-warm-up}): a JVM
     * broker's compiler threads need a few million records of each request shape, and the figures should
     * describe a broker in production, not its first seconds. One pass is not enough on two cores: while the C2
     * compiler has a queue, the JVM raises the call counts a method needs before it is queued, so part of the
     * request path is compiled only when the next pass calls it again.
     */
    private void warmUp(Settings settings, RunningBroker broker, int round, List<Workload> selected,
            Results results) throws Exception {
        for (int pass = 1; pass <= settings.warmUpPasses(); pass++) {
            RunningBroker.CpuWindow window = broker.cpuWindow();
            try (Round warmUp = new Round(settings, broker, round, results, log, pass)) {
                for (Workload workload : selected) {
                    if (workload.warmsUp()) {
                        workload.run(warmUp);
                    }
                }
            }
            RunningBroker.CpuUsed used = window.end();
            log.printf("  warm-up pass %d: broker CPU %.2f s, of which the JIT compilers %.2f s%n", pass,
                    used.times().totalSeconds(), used.compilerSeconds());
        }
    }

    private void write(Results results, List<List<String>> targets, Settings settings) throws IOException {
        String command = String.join(" ", "bin/sluice bench", String.join(" ", arguments)).trim();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", LocalDate.now().toString());
        document.put("command", command);
        document.put("machine", Machine.describe(settings.workDir()));
        document.put("rounds", rounds);
        document.put("records", records);
        document.put("figures", results.json());
        if (json != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);
            log.println("wrote " + json);
        }
        if (markdown != null) {
            replaceSection(markdown, markdownSection(results, targets, settings, command));
            log.println("updated " + markdown);
        }
    }

    private String markdownSection(Results results, List<List<String>> targets, Settings settings,
            String command) {
        StringBuilder section = new StringBuilder();
        section.append("Measured ").append(LocalDate.now()).append(" with `").append(command)
                .append("` (").append(rounds).append(" rounds, ").append(records)
                .append(" records per 100 B workload).\n\n");
        Machine.describe(settings.workDir()).forEach((key, value) ->
                section.append("- ").append(key).append(": ").append(value).append('\n'));
        section.append('\n').append(results.markdown());
        if (targets.size() > 1) {
            section.append("\nThe targets, judged on the medians above (ratios Sluice/Kafka):\n\n")
                    .append(Results.markdown(targets));
        }
        return section.toString();
    }

    static void replaceSection(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        int begin = text.indexOf(MARKDOWN_BEGIN);
        int end = text.indexOf(MARKDOWN_END);
        String block = MARKDOWN_BEGIN + "\n" + section + MARKDOWN_END;
        String updated = begin >= 0 && end > begin
                ? text.substring(0, begin) + block + text.substring(end + MARKDOWN_END.length())
                : text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "\n" + block + "\n";
        Files.writeString(file, updated);
    }
}
