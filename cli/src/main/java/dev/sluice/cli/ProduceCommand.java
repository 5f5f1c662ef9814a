package dev.sluice.cli;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice produce}: sends one record per input line, optionally keyed, and reports how many
 * the cluster acknowledged. Stops reading at the first failed send. One instance per invocation.
 */
@Command(name = "produce", description = "Produce one record per line of a file or stdin.")
final class ProduceCommand implements Callable<Integer> {

    /** Compression codecs the producer offers. */
    enum Compression { NONE, GZIP, SNAPPY, LZ4, ZSTD }

    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int INPUT_BUFFER_CHARS = 1 << 16;
    private static final int DEFAULT_BATCH_BYTES =
            (Integer) ProducerConfig.configDef().defaultValues().get(ProducerConfig.BATCH_SIZE_CONFIG);
    private static final int DEFAULT_MAX_REQUEST_BYTES =
            (Integer) ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);

    @Mixin
    ClientOptions client;
    @Mixin
    OutputOptions format;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TOPIC", description = "Topic to produce to.")
    String topic;

    @Option(names = {"-f", "--file"}, paramLabel = "PATH", description = "Read lines from PATH (default: stdin).")
    Path file;

    @Option(names = {"-k", "--key-separator"}, paramLabel = "SEP",
            description = "Split each line at the first SEP into key and value; \\t means tab.")
    String keySeparator;

    @Option(names = {"-H", "--header"}, paramLabel = "KEY=VALUE", converter = KeyValue.Converter.class,
            description = "Header added to every record (repeatable).")
    List<KeyValue> headers = new ArrayList<>();

    @Option(names = {"-p", "--partition"}, paramLabel = "N",
            description = "Send every record to partition N (default: chosen by key).")
    Integer partition;

    @Option(names = "--acks", paramLabel = "all|1|0", defaultValue = "all",
            description = "Acknowledgements to wait for (default: all; idempotence needs all).")
    String acks;

    @Option(names = {"-z", "--compression"}, paramLabel = "CODEC", defaultValue = "none",
            description = "none, gzip, snappy, lz4 or zstd (default: none).")
    Compression compression;

    /** Input when no file is given; replaceable so tests need no real stdin. */
    InputStream stdin = System.in;

    /** The result, also the JSON document. */
    record Produced(String topic, long records) { }

    @Override
    public Integer call() {
        String separator = keySeparator == null ? null : KeyedLine.unescape(keySeparator);
        if (separator != null && separator.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--key-separator must not be empty");
        }
        if (!List.of("all", "-1", "1", "0").contains(acks)) {
            throw new ParameterException(spec.commandLine(), "--acks must be all, 1 or 0 but was " + acks);
        }
        Delivery delivery = new Delivery();
        long sent;
        int maxBatchBytes;
        try (BufferedReader input = openInput()) {
            TopicProbe.ProduceTarget target = TopicProbe.produceTarget(client, topic);
            if (partition != null) {
                TopicProbe.checkPartition(topic, partition, target.partitionCount());
            }
            maxBatchBytes = target.maxBatchBytes();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(maxBatchBytes),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                sent = sendLines(input, producer, separator, delivery);
                producer.flush();
            }
        } catch (IOException e) {
            String reason = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new CliException("cannot read " + inputName() + ": " + reason);
        }
        if (delivery.firstFailure() != null) {
            throw new CliException("produced " + delivery.acknowledged() + " of " + sent + " records to " + topic
                    + "; " + delivery.failed() + " failed, first: "
                    + describe(delivery.firstFailure(), maxBatchBytes));
        }
        Output output = format.output(spec.commandLine().getOut());
        if (output.isJson()) {
            output.json(new Produced(topic, delivery.acknowledged()));
        } else {
            long count = delivery.acknowledged();
            output.line("Produced " + count + (count == 1 ? " record to " : " records to ") + topic);
        }
        return 0;
    }

    /** Sends every line of {@code input} until the input ends or a send fails; returns how many were sent. */
    long sendLines(BufferedReader input, Producer<byte[], byte[]> producer, String separator, Delivery delivery)
            throws IOException {
        List<Header> recordHeaders = headers.stream()
                .map(h -> (Header) new RecordHeader(h.key(), h.value().getBytes(StandardCharsets.UTF_8)))
                .toList();
        Progress progress = new Progress(spec.commandLine().getErr(), System::nanoTime, PROGRESS_INTERVAL_NANOS);
        long sent = 0;
        String line;
        while (delivery.firstFailure() == null && (line = input.readLine()) != null) {
            KeyedLine record = KeyedLine.split(line, separator);
            byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
            byte[] value = record.value().getBytes(StandardCharsets.UTF_8);
            try {
                producer.send(new ProducerRecord<>(topic, partition, key, value, recordHeaders), delivery);
            } catch (KafkaException e) {
                delivery.fail(e);
            }
            sent++;
            progress.update(delivery.acknowledged(), "produced");
        }
        return sent;
    }

    /** @param maxBatchBytes the largest batch the topic accepts, or -1 if unknown */
    private Properties producerConfig(int maxBatchBytes) {
        Properties props = client.producer();
        props.put(ProducerConfig.ACKS_CONFIG, acks);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(acks.equals("all") || acks.equals("-1")));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression.name().toLowerCase(Locale.ROOT));
        if (maxBatchBytes > 0) {
            // Keeps every batch within the topic's limit. The producer splits a batch the broker refused as too
            // large, but a record bigger than batch.size gets a batch of its own size which later records may
            // join, so an oversized batch would be split into itself and resent until delivery.timeout.ms.
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(Math.min(maxBatchBytes, DEFAULT_BATCH_BYTES)));
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                    Integer.toString(Math.min(maxBatchBytes, DEFAULT_MAX_REQUEST_BYTES)));
        }
        return client.withOverrides(props);
    }

    private BufferedReader openInput() throws IOException {
        InputStream in = file == null ? unclosable(stdin) : Files.newInputStream(file);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), INPUT_BUFFER_CHARS);
    }

    /** Standard input belongs to the process, not to this command: closing the reader must not close it. */
    private static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
    }

    private String inputName() {
        return file == null ? "stdin" : file.toString();
    }

    /** The reason a send failed; a record too large is measured against the topic's limit, which set the producer's. */
    private String describe(Exception failure, int maxBatchBytes) {
        if (maxBatchBytes > 0 && Failures.unwrap(failure) instanceof RecordTooLargeException) {
            return "a record is larger than the " + maxBatchBytes + " bytes that topic " + topic
                    + " accepts (max.message.bytes)";
        }
        String message = Failures.describe(failure, client.bootstrap, client.timeout);
        return message != null ? message : failure.toString();
    }
}
