package dev.sluice.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Formats consumed records as lines of text or JSON. Keys, values and header values are decoded as
 * UTF-8. Immutable and thread-safe.
 */
final class RecordPrinter {

    /** How {@code sluice consume} prints records. */
    enum Format { TEXT, JSON }

    /** A header as printed in JSON. */
    record JsonHeader(String key, String value) { }

    /** A record as printed in JSON. */
    record JsonRecord(String topic, int partition, long offset, long timestamp, String key, String value,
                      List<JsonHeader> headers) { }

    private final Format format;
    private final boolean printKeys;
    private final boolean printHeaders;

    RecordPrinter(Format format, boolean printKeys, boolean printHeaders) {
        this.format = format;
        this.printKeys = printKeys;
        this.printHeaders = printHeaders;
    }

    /**
     * One line for {@code record}, without line terminator. JSON lines always carry every field; text
     * lines are the value, preceded by the key and by {@code k=v,...} headers when asked, tab-separated.
     */
    String format(ConsumerRecord<byte[], byte[]> record) {
        if (format == Format.JSON) {
            return Output.toJson(new JsonRecord(record.topic(), record.partition(), record.offset(),
                    record.timestamp(), text(record.key()), text(record.value()), headers(record)));
        }
        StringBuilder line = new StringBuilder();
        if (printKeys) {
            line.append(orEmpty(text(record.key()))).append('\t');
        }
        if (printHeaders) {
            boolean first = true;
            for (Header header : record.headers()) {
                line.append(first ? "" : ",").append(header.key()).append('=').append(orEmpty(text(header.value())));
                first = false;
            }
            line.append('\t');
        }
        return line.append(orEmpty(text(record.value()))).toString();
    }

    private static List<JsonHeader> headers(ConsumerRecord<byte[], byte[]> record) {
        List<JsonHeader> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new JsonHeader(header.key(), text(header.value())));
        }
        return headers;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
