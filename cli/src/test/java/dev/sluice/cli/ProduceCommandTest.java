package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProduceCommandTest {

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    private static ProduceCommand parsed(String... options) {
        CommandLine commandLine = Sluice.commandLine();
        String[] args = new String[options.length + 2];
        args[0] = "produce";
        args[1] = "orders";
        System.arraycopy(options, 0, args, 2, options.length);
        commandLine.parseArgs(args);
        return commandLine.getSubcommands().get("produce").getCommand();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static BufferedReader lines(String text) {
        return new BufferedReader(new StringReader(text));
    }

    @Test
    void sendsOneRecordPerLineWithKeyHeadersAndPartition() throws IOException {
        ProduceCommand produce = parsed("-k", "\\t", "-H", "source=web", "-H", "source=app", "-p", "1");
        Delivery delivery = new Delivery();

        long sent = produce.sendLines(lines("user-1\tclicked\nno key here\n\tempty key\n"), producer, "\t", delivery);

        assertEquals(3, sent);
        assertEquals(3, delivery.acknowledged());
        List<ProducerRecord<byte[], byte[]>> history = producer.history();
        assertEquals("user-1", text(history.get(0).key()));
        assertEquals("clicked", text(history.get(0).value()));
        assertNull(history.get(1).key());
        assertEquals("no key here", text(history.get(1).value()));
        assertEquals("", text(history.get(2).key()));
        for (ProducerRecord<byte[], byte[]> record : history) {
            assertEquals(1, record.partition());
            Header[] headers = record.headers().toArray();
            assertEquals(2, headers.length);
            assertArrayEquals("web".getBytes(StandardCharsets.UTF_8), headers[0].value());
            assertArrayEquals("app".getBytes(StandardCharsets.UTF_8), headers[1].value());
        }
    }

    @Test
    void emptyLinesAreRecordsWithEmptyValues() throws IOException {
        Delivery delivery = new Delivery();

        long sent = parsed("-p", "0").sendLines(lines("a\n\nb"), producer, null, delivery);

        assertEquals(3, sent);
        assertEquals(List.of("a", "", "b"), producer.history().stream().map(r -> text(r.value())).toList());
    }

    @Test
    void stopsReadingAtTheFirstFailedSend() throws IOException {
        producer.sendException = new RecordTooLargeException("too large");
        Delivery delivery = new Delivery();

        long sent = parsed("-p", "0").sendLines(lines("a\nb\nc\n"), producer, null, delivery);

        assertEquals(1, sent);
        assertEquals(1, delivery.failed());
        assertEquals("too large", delivery.firstFailure().getMessage());
    }
}
