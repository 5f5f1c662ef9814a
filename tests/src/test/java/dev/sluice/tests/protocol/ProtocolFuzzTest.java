package dev.sluice.tests.protocol;

import dev.sluice.tests.TestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded protocol fuzzing: about two thousand garbage and mutated frames, each followed by a valid probe on
 * the same connection. Every frame must end, within the read timeout, in well-formed responses (the
 * frame's, when it was a complete request, then the probe's) or a closed connection; never a hang, a
 * malformed answer, or a dropped response. Afterwards a topic the fuzz never addressed is unchanged and a
 * real client still works. Run again with {@code -Dfuzz.seed=<seed>} to replay a failure.
 */
class ProtocolFuzzTest {
    private static final int FRAMES = 2_000;
    private static final Duration BUDGET = Duration.ofSeconds(60);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_REQUEST_BYTES = 262_144;
    private static final int PROBE_CORRELATION_BASE = 0x50000000;
    private static final String KNOWN = "fuzz-known";
    private static final String TARGET = "fuzz-target";
    private static final int KNOWN_RECORDS = 20;

    /** How one fuzz frame ended. */
    private enum Outcome { ANSWERED, SILENT, CLOSED }

    private short apiVersionsMin;
    private short apiVersionsMax;

    @Test
    void mutatedAndGarbageFramesGetAnswersOrClosedConnectionsAndNeverTouchOtherData() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("ProtocolFuzzTest seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        try (TestBroker broker = TestBroker.start(Map.of("socket.request.max.bytes", Integer.toString(MAX_REQUEST_BYTES)))) {
            int port = broker.broker().port();
            ApiVersionsResponseData.ApiVersionCollection advertised;
            Uuid targetId;
            try (RawKafkaConnection setup = RawKafkaConnection.open(port)) {
                RawRequests.createTopic(setup, KNOWN, 1, Map.of());
                targetId = RawRequests.createTopic(setup, TARGET, 2, Map.of());
                advertised = probe(setup).apiKeys();
            }
            apiVersionsMin = advertised.find(ApiKeys.API_VERSIONS.id).minVersion();
            apiVersionsMax = advertised.find(ApiKeys.API_VERSIONS.id).maxVersion();
            produceKnownRecords(broker);
            FuzzFrames frames = new FuzzFrames(new Random(seed), MAX_REQUEST_BYTES, TARGET, targetId, advertised);
            Map<Outcome, Integer> outcomes = fuzz(port, frames, seed);
            System.out.println("ProtocolFuzzTest outcomes " + outcomes + ", " + frames.skipped() + " frames regenerated");
            assertTrue(outcomes.get(Outcome.ANSWERED) > 0, "no fuzz frame was answered: the fuzz is too destructive");
            assertTrue(outcomes.get(Outcome.CLOSED) > 0, "no fuzz frame closed a connection: the fuzz is too gentle");
            assertKnownTopicUnchanged(broker);
            try (RawKafkaConnection check = RawKafkaConnection.open(port)) {
                RawRequests.createTopic(check, "fuzz-after", 1, Map.of());
            }
            RealClients.assertRoundTrip(broker, "fuzz-after");
        }
    }

    private static void produceKnownRecords(TestBroker broker) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
            for (int i = 0; i < KNOWN_RECORDS; i++) {
                producer.send(new ProducerRecord<>(KNOWN, 0, key(i), value(i))).get();
            }
        }
    }

    private static void assertKnownTopicUnchanged(TestBroker broker) throws Exception {
        try (RawKafkaConnection check = RawKafkaConnection.open(broker.broker().port())) {
            assertEquals(KNOWN_RECORDS, RawRequests.logEndOffset(check, KNOWN, 0), "log end offset of " + KNOWN);
        }
        List<ConsumerRecord<byte[], byte[]>> records = RealClients.read(broker, new TopicPartition(KNOWN, 0), 0, KNOWN_RECORDS);
        for (int i = 0; i < KNOWN_RECORDS; i++) {
            assertEquals(i, records.get(i).offset(), "offset of known record " + i);
            assertEquals(new String(key(i), StandardCharsets.UTF_8), new String(records.get(i).key(), StandardCharsets.UTF_8));
            assertEquals(new String(value(i), StandardCharsets.UTF_8), new String(records.get(i).value(), StandardCharsets.UTF_8));
        }
    }

    private static byte[] key(int i) {
        return ("known-key-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i) {
        return ("known-value-" + i + "-" + "x".repeat(i)).getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the frames, reopening the connection whenever the broker closes it; counts the outcomes. */
    private Map<Outcome, Integer> fuzz(int port, FuzzFrames frames, long seed) throws IOException {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, 0);
        }
        int sent = 0;
        long deadline = System.nanoTime() + BUDGET.toNanos();
        RawKafkaConnection connection = null;
        try {
            for (int i = 0; i < FRAMES && System.nanoTime() < deadline; i++) {
                if (connection == null) {
                    connection = RawKafkaConnection.open(port, READ_TIMEOUT);
                }
                FuzzFrames.FuzzCase fuzz = frames.next(i);
                Outcome outcome;
                try {
                    outcome = exchange(connection, fuzz, PROBE_CORRELATION_BASE + i);
                } catch (AssertionError | RuntimeException | IOException e) {
                    throw new AssertionError("fuzz frame " + i + " (" + fuzz.description() + ", seed " + seed + "): "
                            + e.getMessage() + "\nsent: " + hex(fuzz.bytes()), e);
                }
                outcomes.merge(outcome, 1, Integer::sum);
                sent++;
                if (outcome == Outcome.CLOSED || fuzz.halfClose()) {
                    connection.close();
                    connection = null;
                }
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
        assertTrue(sent >= FRAMES / 4, "only " + sent + " frames within " + BUDGET.toSeconds() + " s");
        return outcomes;
    }

    private Outcome exchange(RawKafkaConnection connection, FuzzFrames.FuzzCase fuzz, int candidateProbeId) throws IOException {
        FuzzFrames.Decoded request = fuzz.firstFrame() == null ? null : FuzzFrames.decode(fuzz.firstFrame());
        // A mutation can turn the fuzz frame's correlation id into the probe's; the answers must stay distinguishable.
        int probeId = fuzz.firstFrame() != null && correlationId(fuzz.firstFrame(), 4) == candidateProbeId
                ? ~candidateProbeId : candidateProbeId;
        if (!connection.trySendRaw(fuzz.bytes())) {
            return Outcome.CLOSED;
        }
        if (fuzz.halfClose()) {
            connection.shutdownOutput();
            return drainUntilClosed(connection, fuzz.firstFrame());
        }
        if (!connection.trySendRaw(probeFrame(probeId))) {
            return Outcome.CLOSED;
        }
        byte[] first = connection.readFrame();
        if (first == null) {
            return Outcome.CLOSED;
        }
        int correlationId = correlationId(first);
        if (correlationId == probeId) {
            boolean silentAllowed = request != null && request.key() == ApiKeys.PRODUCE
                    && ((ProduceRequestData) request.body()).acks() == 0;
            if (!silentAllowed) {
                throw new AssertionError("the probe was answered but the fuzz frame before it was neither answered"
                        + " nor punished with a close (decoded as " + describe(request) + ")");
            }
            checkProbe(first, probeId);
            return Outcome.SILENT;
        }
        checkAnswer(first, fuzz.firstFrame());
        byte[] second = connection.readFrame();
        if (second == null) {
            throw new AssertionError("the broker answered the fuzz frame, then closed instead of answering the valid probe");
        }
        checkProbe(second, probeId);
        return Outcome.ANSWERED;
    }

    /** After a half-close: any complete answer must be well-formed, and the broker must close. */
    private Outcome drainUntilClosed(RawKafkaConnection connection, byte[] firstFrame) throws IOException {
        for (int frames = 0; frames < 4; frames++) {
            byte[] answer = connection.readFrame();
            if (answer == null) {
                return Outcome.CLOSED;
            }
            if (frames == 0 && firstFrame != null && firstFrame.length >= 8 && correlationId(answer) == correlationId(firstFrame)) {
                checkAnswer(answer, firstFrame);
            }
        }
        throw new AssertionError("the broker kept answering a half-closed connection");
    }

    /** The answer must parse as the response to the request the frame announced, with nothing left over. */
    private void checkAnswer(byte[] answer, byte[] requestPayload) {
        if (requestPayload == null || requestPayload.length < 8) {
            throw new AssertionError("the broker answered a frame too short to hold a request header: " + hex(answer));
        }
        ByteBuffer header = ByteBuffer.wrap(requestPayload);
        short keyId = header.getShort(0);
        short version = header.getShort(2);
        if (correlationId(answer) != header.getInt(4)) {
            throw new AssertionError("answer with correlation id " + correlationId(answer) + " to request "
                    + header.getInt(4) + ": " + hex(answer));
        }
        if (!ApiKeys.hasId(keyId)) {
            throw new AssertionError("the broker answered unknown API key " + keyId + ": " + hex(answer));
        }
        ApiKeys key = ApiKeys.forId(keyId);
        boolean unsupportedApiVersions = key == ApiKeys.API_VERSIONS && (version < apiVersionsMin || version > apiVersionsMax);
        short parseVersion = unsupportedApiVersions ? 0 : version;
        if (!unsupportedApiVersions && (version < key.oldestVersion() || version > key.latestVersion())) {
            throw new AssertionError("the broker answered " + key + " v" + version + ", which it cannot parse: " + hex(answer));
        }
        parseResponse(key, parseVersion, answer);
    }

    private static ApiMessage parseResponse(ApiKeys key, short version, byte[] answer) {
        try {
            ByteBufferAccessor accessor = new ByteBufferAccessor(ByteBuffer.wrap(answer));
            new ResponseHeaderData(accessor, key.responseHeaderVersion(version));
            ApiMessage body = key.messageType.newResponse();
            body.read(accessor, version);
            if (accessor.remaining() != 0) {
                throw new AssertionError(accessor.remaining() + " bytes after the " + key + " v" + version + " response");
            }
            return body;
        } catch (RuntimeException e) {
            throw new AssertionError("malformed " + key + " v" + version + " response: " + e + ": " + hex(answer), e);
        }
    }

    private static byte[] probeFrame(int probeId) {
        return RawKafkaConnection.frame(ApiKeys.API_VERSIONS, (short) 3, probeId, probeRequest());
    }

    private static ApiVersionsRequestData probeRequest() {
        return new ApiVersionsRequestData().setClientSoftwareName("fuzz-probe").setClientSoftwareVersion("1.0");
    }

    private static void checkProbe(byte[] answer, int probeId) {
        assertEquals(probeId, correlationId(answer), "probe correlation id");
        ApiVersionsResponseData body = (ApiVersionsResponseData) parseResponse(ApiKeys.API_VERSIONS, (short) 3, answer);
        assertEquals(Errors.NONE.code(), body.errorCode(), "probe ApiVersions error");
    }

    private static ApiVersionsResponseData probe(RawKafkaConnection connection) throws IOException {
        ApiVersionsResponseData response = connection.request(ApiKeys.API_VERSIONS, (short) 3, probeRequest());
        assertEquals(Errors.NONE.code(), response.errorCode(), "ApiVersions error");
        return response;
    }

    private static int correlationId(byte[] frame) {
        return correlationId(frame, 0);
    }

    private static int correlationId(byte[] frame, int at) {
        return frame.length < at + 4 ? Integer.MIN_VALUE : ByteBuffer.wrap(frame).getInt(at);
    }

    private static String describe(FuzzFrames.Decoded request) {
        return request == null ? "nothing parseable" : request.key() + " v" + request.version();
    }

    private static String hex(byte[] bytes) {
        int shown = Math.min(bytes.length, 512);
        return HexFormat.of().formatHex(bytes, 0, shown) + (shown < bytes.length ? "... (" + bytes.length + " bytes)" : "");
    }
}
