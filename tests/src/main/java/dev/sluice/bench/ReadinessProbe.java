package dev.sluice.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Decides when a broker is ready: it answers a Metadata request listing at least one broker. Both brokers
 * are probed the same way, over a plain socket, so that client reconnect back-off does not blur the
 * startup figure.
 */
final class ReadinessProbe {
    private static final short METADATA_VERSION = 9;

    private ReadinessProbe() {
    }

    /** Polls until the broker is ready; returns false if the process died or the deadline passed. */
    static boolean await(int port, Process process, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                return false;
            }
            if (answersMetadata(port)) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    static boolean answersMetadata(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(2000);
            RequestHeader header = new RequestHeader(ApiKeys.METADATA, METADATA_VERSION, "sluice-bench", 1);
            MetadataRequest request = new MetadataRequest.Builder(new MetadataRequestData()
                    .setTopics(List.of()).setAllowAutoTopicCreation(false)).build(METADATA_VERSION);
            ByteBuffer payload = request.serializeWithHeader(header);
            OutputStream out = socket.getOutputStream();
            byte[] frame = new byte[4 + payload.remaining()];
            ByteBuffer.wrap(frame).putInt(payload.remaining()).put(payload);
            out.write(frame);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] response = new byte[in.readInt()];
            in.readFully(response);
            MetadataResponse parsed = (MetadataResponse) AbstractResponse.parseResponse(
                    ByteBuffer.wrap(response), header);
            return !parsed.brokers().isEmpty();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
