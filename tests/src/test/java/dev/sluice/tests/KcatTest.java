package dev.sluice.tests;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** librdkafka compatibility through kcat: metadata, produce and consume with every codec, headers, timestamps. */
class KcatTest {
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());

    @Test
    void metadataListingShowsBrokerAndTopics() throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("listed", 3, (short) 1))).all().get();
        }
        String out = Kcat.run(null, "-b", broker.bootstrap(), "-L").requireSuccess().stdout();
        assertTrue(out.contains("1 brokers:"), out);
        assertTrue(out.contains("127.0.0.1:" + broker.broker().port()), out);
        assertTrue(out.contains("topic \"listed\" with 3 partitions:"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void producedLinesAreConsumedBackWithEveryCodec(String codec) throws Exception {
        String topic = "kcat-" + codec;
        String input = IntStream.range(0, 1000).mapToObj(i -> "key" + i + ":line " + i).collect(Collectors.joining("\n")) + "\n";
        Kcat.run(input, "-b", broker.bootstrap(), "-P", "-t", topic, "-p", "0", "-K:", "-z", codec,
                "-X", "topic.request.required.acks=-1").requireSuccess();
        String out = Kcat.run(null, "-b", broker.bootstrap(), "-C", "-t", topic, "-p", "0", "-o", "beginning", "-e",
                "-f", "%o %k %s\\n").requireSuccess().stdout();
        List<String> lines = out.lines().toList();
        assertEquals(1000, lines.size(), out);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i + " key" + i + " line " + i, lines.get(i));
        }
    }

    @Test
    void headersAndTimestampsArePreserved() throws Exception {
        String topic = "kcat-headers";
        Kcat.run("hello\n", "-b", broker.bootstrap(), "-P", "-t", topic, "-p", "0",
                "-H", "trace=abc", "-H", "kind=test").requireSuccess();
        String out = Kcat.run(null, "-b", broker.bootstrap(), "-C", "-t", topic, "-p", "0", "-o", "beginning", "-e",
                "-f", "%s|%h|%T\\n").requireSuccess().stdout().trim();
        String[] parts = out.split("\\|");
        assertEquals("hello", parts[0]);
        assertEquals("trace=abc,kind=test", parts[1]);
        long timestamp = Long.parseLong(parts[2]);
        assertTrue(Math.abs(System.currentTimeMillis() - timestamp) < 120_000, "timestamp " + timestamp);
    }

    @Test
    void consumeFromTheEndAndFromAnOffset() throws Exception {
        String topic = "kcat-offsets";
        Kcat.run("a\nb\nc\nd\n", "-b", broker.bootstrap(), "-P", "-t", topic, "-p", "0").requireSuccess();
        String fromTwo = Kcat.run(null, "-b", broker.bootstrap(), "-C", "-t", topic, "-p", "0", "-o", "2", "-e")
                .requireSuccess().stdout();
        assertEquals(List.of("c", "d"), fromTwo.lines().toList());
        String lastOne = Kcat.run(null, "-b", broker.bootstrap(), "-C", "-t", topic, "-p", "0", "-o", "-1", "-e")
                .requireSuccess().stdout();
        assertEquals(List.of("d"), lastOne.lines().toList());
    }

    @Test
    void balancedConsumerCommitsAndTheNextRunStartsAfterIt() throws Exception {
        broker.createTopic("kcat-group", 3);
        String input = IntStream.range(0, 30).mapToObj(i -> "first " + i).collect(Collectors.joining("\n")) + "\n";
        Kcat.run(input, "-b", broker.bootstrap(), "-P", "-t", "kcat-group").requireSuccess();
        String[] balanced = {"-b", broker.bootstrap(), "-C", "-G", "kcat-readers", "-X", "auto.offset.reset=earliest",
                "-e", "-q", "kcat-group"};
        List<String> first = Kcat.run(null, balanced).requireSuccess().stdout().lines().toList();
        assertEquals(30, first.size(), "the first run reads everything: " + first);
        Kcat.run("second 0\nsecond 1\n", "-b", broker.bootstrap(), "-P", "-t", "kcat-group", "-p", "2").requireSuccess();
        List<String> second = Kcat.run(null, balanced).requireSuccess().stdout().lines().toList();
        assertEquals(List.of("second 0", "second 1"), second, "the second run starts at the committed offsets");
    }
}
