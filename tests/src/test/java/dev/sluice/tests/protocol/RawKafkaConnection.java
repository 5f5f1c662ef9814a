package dev.sluice.tests.protocol;

import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;

/**
 * One plain TCP connection to a broker speaking the Kafka wire protocol with nothing in between: requests
 * are serialised with the Kafka client's generated message classes, framed with a 4-byte size prefix and
 * written as they are; raw bytes can be sent too, and a close by the broker is observable.
 *
 * <p>Every read is bounded by the socket timeout, so a broker that neither answers nor closes fails the
 * caller instead of hanging it. Not thread-safe: one test thread owns a connection.
 */
public final class RawKafkaConnection implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final String CLIENT_ID = "sluice-protocol-tests";

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int nextCorrelationId = 1;

    private RawKafkaConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawKafkaConnection open(int port) throws IOException {
        return open(port, DEFAULT_TIMEOUT);
    }

    public static RawKafkaConnection open(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) DEFAULT_TIMEOUT.toMillis());
        socket.setSoTimeout((int) readTimeout.toMillis());
        return new RawKafkaConnection(socket);
    }

    /** A response frame split into its header and body. */
    public record Response<T extends ApiMessage>(ResponseHeaderData header, T body) {
    }

    /** Sends a request and returns the body of its response, checking correlation id and frame length. */
    public <T extends ApiMessage> T request(ApiKeys key, short version, ApiMessage body) throws IOException {
        int correlationId = send(key, version, body);
        Response<T> response = receive(key, version);
        if (response == null) {
            throw new AssertionError("broker closed the connection instead of answering " + key + " v" + version);
        }
        if (response.header().correlationId() != correlationId) {
            throw new AssertionError(key + " v" + version + " answered with correlation id "
                    + response.header().correlationId() + ", expected " + correlationId);
        }
        return response.body();
    }

    /** Writes one request frame and returns its correlation id. */
    public int send(ApiKeys key, short version, ApiMessage body) throws IOException {
        int correlationId = nextCorrelationId++;
        sendRaw(frame(key, version, correlationId, body));
        return correlationId;
    }

    /**
     * Reads one response frame and parses it as {@code key} at {@code version}; null if the broker closed
     * the connection. Fails if the frame holds bytes beyond the parsed response.
     */
    @SuppressWarnings("unchecked")
    public <T extends ApiMessage> Response<T> receive(ApiKeys key, short version) throws IOException {
        byte[] payload = readFrame();
        if (payload == null) {
            return null;
        }
        ByteBufferAccessor accessor = new ByteBufferAccessor(ByteBuffer.wrap(payload));
        ResponseHeaderData header = new ResponseHeaderData(accessor, key.responseHeaderVersion(version));
        ApiMessage body = key.messageType.newResponse();
        body.read(accessor, version);
        if (accessor.remaining() != 0) {
            throw new AssertionError(key + " v" + version + " response has " + accessor.remaining()
                    + " bytes after the body");
        }
        return new Response<>(header, (T) body);
    }

    /** The frame payload (size prefix removed), or null if the broker closed the connection first. */
    public byte[] readFrame() throws IOException {
        try {
            int size = in.readInt();
            if (size < 0) {
                throw new AssertionError("response frame with negative size " + size);
            }
            byte[] payload = new byte[size];
            in.readFully(payload);
            return payload;
        } catch (EOFException e) {
            return null;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response and no close within " + socket.getSoTimeout() + " ms", e);
        } catch (SocketException e) {
            if (isReset(e)) {
                return null;
            }
            throw e;
        }
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends bytes to a broker that may already have closed the connection; reports whether they went out. */
    public boolean trySendRaw(byte[] bytes) {
        try {
            sendRaw(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Half-closes: the broker sees end of stream after the bytes already sent. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * Waits for the broker to close the connection without sending anything: fails if a response arrives or
     * the connection is still open after the read timeout.
     */
    public void assertClosedByBroker(String why) throws IOException {
        try {
            int read = in.read();
            if (read != -1) {
                throw new AssertionError("expected the broker to close the connection (" + why
                        + ") but it sent data starting with byte " + read);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("expected the broker to close the connection (" + why + ") but it is still open after "
                    + socket.getSoTimeout() + " ms", e);
        } catch (SocketException e) {
            if (!isReset(e)) {
                throw e;
            }
        }
    }

    private static boolean isReset(SocketException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("reset") || message.contains("broken pipe") || message.contains("abort");
    }

    /** A complete request frame: size prefix, header in the version the API key requires, body. */
    public static byte[] frame(ApiKeys key, short version, int correlationId, ApiMessage body) {
        return frame(key, version, version, correlationId, body);
    }

    /**
     * A request frame whose header announces {@code headerApiVersion} while the body is laid out as
     * {@code bodyVersion}: how a client asks for a version this codec cannot write (a newer ApiVersions).
     */
    public static byte[] frame(ApiKeys key, short headerApiVersion, short bodyVersion, int correlationId, ApiMessage body) {
        RequestHeaderData header = new RequestHeaderData()
                .setRequestApiKey(key.id)
                .setRequestApiVersion(headerApiVersion)
                .setCorrelationId(correlationId)
                .setClientId(CLIENT_ID);
        short headerVersion = key.requestHeaderVersion(bodyVersion);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.size(cache, headerVersion) + body.size(cache, bodyVersion);
        ByteBuffer buffer = ByteBuffer.allocate(4 + size);
        buffer.putInt(size);
        ByteBufferAccessor accessor = new ByteBufferAccessor(buffer);
        header.write(accessor, cache, headerVersion);
        body.write(accessor, cache, bodyVersion);
        if (buffer.hasRemaining()) {
            throw new IllegalStateException("serialised " + key + " v" + bodyVersion + " is shorter than its computed size");
        }
        return buffer.array();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
