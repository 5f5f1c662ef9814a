package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class CommandParsingTest {

    /** Parses {@code args} without running anything and returns the innermost command object. */
    private static <T> T parse(String... args) {
        ParseResult result = Sluice.commandLine().parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result.commandSpec().commandLine().getCommand();
    }

    @Test
    void clientOptionsDefaultToLocalBrokerTableAndThirtySeconds() {
        TopicListCommand list = parse("topic", "list");

        String expected = System.getenv().getOrDefault("SLUICE_BOOTSTRAP", "127.0.0.1:9092");
        assertEquals(expected, list.client.bootstrap);
        assertEquals(Duration.ofSeconds(30), list.client.timeout);
        assertEquals(Output.Format.TABLE, list.format.format);
        assertFalse(list.internal);
    }

    @Test
    void clientConfigOverridesWhatTheCommandDerives() {
        ProduceCommand produce = parse("produce", "orders", "-b", "h1:9092,h2:9092", "--timeout", "5s",
                "-X", "request.timeout.ms=1234", "-X", "ssl.truststore.password=a=b");

        Properties props = produce.client.withOverrides(produce.client.producer());

        assertEquals("h1:9092,h2:9092", props.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("5000", props.get(ProducerConfig.MAX_BLOCK_MS_CONFIG));
        assertEquals("1234", props.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        assertEquals("a=b", props.get("ssl.truststore.password"));
    }

    @Test
    void producerDeliveryTimeoutLeavesRoomForRequestTimeoutAndLinger() {
        ProduceCommand produce = parse("produce", "orders", "--timeout", "500ms");

        Properties props = produce.client.producer();

        long request = Long.parseLong((String) props.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        long delivery = Long.parseLong((String) props.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
        assertEquals(500, request);
        assertTrue(delivery > request + 5, "delivery.timeout.ms " + delivery);
    }

    @Test
    void topicCreateCollectsNamesAndConfigs() {
        TopicCreateCommand create = parse("topic", "create", "a", "b", "-p", "6", "-r", "3",
                "-c", "cleanup.policy=compact", "-c", "retention.ms=-1", "--dry-run", "--format", "json");

        assertEquals(List.of("a", "b"), create.names);
        assertEquals(6, create.partitions);
        assertEquals(3, create.replicas);
        assertEquals(Map.of("cleanup.policy", "compact", "retention.ms", "-1"), create.configs);
        assertTrue(create.dryRun);
        assertEquals(Output.Format.JSON, create.format.format);
    }

    @Test
    void topicCreateDefaultsToBrokerDefaults() {
        TopicCreateCommand create = parse("topic", "create", "a");

        assertEquals(-1, create.partitions);
        assertEquals(-1, create.replicas);
        assertFalse(create.dryRun);
    }

    @Test
    void produceOptionsAreParsed() {
        ProduceCommand produce = parse("produce", "orders", "-k", "\\t", "-H", "a=1", "-H", "a=2",
                "-p", "3", "--acks", "1", "-z", "ZSTD", "-f", "records.txt");

        assertEquals("\\t", produce.keySeparator);
        assertEquals(List.of(new KeyValue("a", "1"), new KeyValue("a", "2")), produce.headers);
        assertEquals(3, produce.partition);
        assertEquals("1", produce.acks);
        assertEquals(ProduceCommand.Compression.ZSTD, produce.compression);
        assertEquals("records.txt", produce.file.toString());
    }

    @Test
    void produceDefaultsToAcksAllWithoutCompressionFromStdin() {
        ProduceCommand produce = parse("produce", "orders");

        assertEquals("all", produce.acks);
        assertEquals(ProduceCommand.Compression.NONE, produce.compression);
        assertNull(produce.file);
        assertNull(produce.partition);
    }

    @Test
    void consumeOptionsAreParsed() {
        ConsumeCommand consume = parse("consume", "orders", "-p", "0,2", "-p", "5", "-o", "-10", "-n", "100",
                "-e", "--format", "json", "--print-keys", "--print-headers", "--read-committed");

        assertEquals(List.of(0, 2, 5), consume.partitions);
        assertEquals(new StartOffset.BeforeEnd(10), consume.offset);
        assertEquals(100L, consume.limit);
        assertTrue(consume.exitAtEnd);
        assertEquals(RecordPrinter.Format.JSON, consume.format);
        assertTrue(consume.printKeys && consume.printHeaders && consume.readCommitted);
    }

    @Test
    void consumeStartsAtTheBeginningOfEveryPartitionByDefault() {
        ConsumeCommand consume = parse("consume", "orders");

        assertEquals(new StartOffset.Start(), consume.offset);
        assertTrue(consume.partitions.isEmpty());
        assertNull(consume.limit);
        assertEquals(RecordPrinter.Format.TEXT, consume.format);
    }

    @Test
    void alterConfigAndAddPartitionsOptionsAreParsed() {
        TopicAlterConfigCommand alter = parse("topic", "alter-config", "orders", "--set", "a=1", "--delete", "b");
        TopicAddPartitionsCommand add = parse("topic", "add-partitions", "orders", "-n", "4");

        assertEquals(Map.of("a", "1"), alter.set);
        assertEquals(List.of("b"), alter.delete);
        assertEquals(4, add.count);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "nosuchcommand",
        "topic",
        "topic create",
        "topic create a -p 0",
        "topic create a -r -2",
        "topic list --format yaml",
        "topic list --timeout soon",
        "topic list -X missing-equals",
        "topic describe",
        "topic alter-config orders",
        "topic add-partitions orders",
        "topic add-partitions orders -n 0",
        "produce",
        "produce orders --acks 2",
        "produce orders -z brotli",
        "produce orders -H noequals",
        "produce orders --key-separator=",
        "consume orders -o later",
        "consume orders -n 0",
        "consume orders -p x",
        "cluster",
        "group",
        "group describe",
        "group seek billing",
        "group seek billing --to later",
    })
    void usageErrorsExitWithTwoAndAShortHint(String command) {
        SluiceRunner.Result result = SluiceRunner.run(command.split(" "));

        assertEquals(2, result.status(), result.err());
        assertTrue(result.err().startsWith("error: "), result.err());
        assertTrue(result.err().contains("--help' for more information."), result.err());
        assertEquals("", result.out());
    }

    @Test
    void helpListsTheAdminCommands() {
        SluiceRunner.Result result = SluiceRunner.run("--help");

        assertEquals(0, result.status());
        for (String command : List.of("topic", "produce", "consume", "group", "cluster")) {
            assertTrue(result.out().contains("  " + command + " "), result.out());
        }
    }

    @Test
    void subcommandsInheritHelpAndVersion() {
        assertEquals(0, SluiceRunner.run("topic", "describe", "--help").status());
        SluiceRunner.Result version = SluiceRunner.run("consume", "-V");
        assertEquals("sluice 0.1.0\n", version.out());
    }

    @Test
    void everyAdminCommandHasTheClientOptions() {
        CommandLine root = Sluice.commandLine();
        List<CommandLine> leaves = List.of(
                root.getSubcommands().get("produce"), root.getSubcommands().get("consume"),
                root.getSubcommands().get("cluster").getSubcommands().get("info"));
        for (String group : List.of("topic", "group")) {
            for (CommandLine command : root.getSubcommands().get(group).getSubcommands().values()) {
                assertHasClientOptions(command);
            }
        }
        leaves.forEach(CommandParsingTest::assertHasClientOptions);
    }

    private static void assertHasClientOptions(CommandLine command) {
        for (String option : List.of("-b", "--bootstrap", "-X", "--client-config", "--timeout", "--format")) {
            assertTrue(command.getCommandSpec().findOption(option) != null,
                    command.getCommandName() + " lacks " + option);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "server",
        "server -c broker.properties",
        "server --config /etc/sluice/broker.properties -o log.dirs=/data -o listeners=PLAINTEXT://:9092",
        "server --config=broker.properties --override=num.partitions=3",
        "server -o a=b=c -o a=d -o empty=",
        "server -o metrics.listener=none --config broker.properties",
    })
    void plainServerArgumentsAreReadWithoutPicocliExactlyAsPicocliReadsThem(String line) {
        String[] args = line.split(" ");

        ServerCommand plain = ServerCommand.parsePlain(args);
        ServerCommand parsed = parse(args);

        assertNotNull(plain, line);
        assertEquals(parsed.configFile, plain.configFile);
        assertEquals(List.copyOf(parsed.overrides.entrySet()), List.copyOf(plain.overrides.entrySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "server --help", "server -h", "server -V", "server --version", "server -c a -c b", "server -c",
        "server -o", "server -o novalue", "server -o =x", "server -cbroker.properties", "server -c=broker.properties",
        "server @args.txt", "server -- -c broker.properties", "server -o -x=1", "server --verbose",
        "server extra", "server -c -o",
    })
    void otherServerArgumentsAreLeftToPicocli(String line) {
        assertNull(ServerCommand.parsePlain(line.split(" ")), line);
    }
}
