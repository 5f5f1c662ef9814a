package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordPrinterTest {

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, String value, RecordHeader... headers) {
        return new ConsumerRecord<>("orders", 2, 41L, 1_700_000_000_123L, TimestampType.CREATE_TIME, -1, -1,
                utf8(key), utf8(value), new RecordHeaders(headers), Optional.empty());
    }

    @Test
    void textPrintsOnlyTheValueByDefault() {
        RecordPrinter printer = new RecordPrinter(RecordPrinter.Format.TEXT, false, false);

        assertEquals("größe=42", printer.format(record("k", "größe=42")));
    }

    @Test
    void textPutsKeyAndHeadersBeforeTheValueSeparatedByTabs() {
        RecordPrinter printer = new RecordPrinter(RecordPrinter.Format.TEXT, true, true);

        String line = printer.format(record("user-1", "clicked",
                new RecordHeader("trace", utf8("abc")), new RecordHeader("origin", utf8("web"))));

        assertEquals("user-1\ttrace=abc,origin=web\tclicked", line);
    }

    @Test
    void textShowsMissingKeyAndValueAsEmpty() {
        RecordPrinter printer = new RecordPrinter(RecordPrinter.Format.TEXT, true, false);

        assertEquals("\t", printer.format(record(null, null)));
    }

    @Test
    void jsonCarriesEveryFieldWhateverTheFlags() {
        RecordPrinter printer = new RecordPrinter(RecordPrinter.Format.JSON, false, false);

        String line = printer.format(record(null, "say \"hi\"\n", new RecordHeader("h", null)));

        assertEquals("{\"topic\":\"orders\",\"partition\":2,\"offset\":41,\"timestamp\":1700000000123,"
                + "\"key\":null,\"value\":\"say \\\"hi\\\"\\n\",\"headers\":[{\"key\":\"h\",\"value\":null}]}", line);
    }
}
