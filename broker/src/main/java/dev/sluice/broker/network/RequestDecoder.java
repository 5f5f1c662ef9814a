package dev.sluice.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;

import java.nio.ByteBuffer;

/**
 * Decodes one frame (length prefix already stripped) into a {@link KafkaRequest} with the Kafka client's
 * generated message classes. Throws {@link MalformedRequestException} for anything that cannot be parsed;
 * the connection is then closed, as Kafka does.
 */
final class RequestDecoder {
    private RequestDecoder() {
    }

    /** Reads the API key and version without decoding the rest, so unsupported versions can be answered. */
    static short apiKeyId(ByteBuf frame) {
        requireReadable(frame, 4);
        return frame.getShort(frame.readerIndex());
    }

    static short apiVersion(ByteBuf frame) {
        requireReadable(frame, 4);
        return frame.getShort(frame.readerIndex() + 2);
    }

    /**
     * Decodes header and body. The frame must have a single contiguous NIO view (frames are aggregated by
     * the length-field decoder), so record sets in the body slice it without a copy.
     */
    static KafkaRequest decode(ByteBuf frame, ApiKeys apiKey, short version, Channel channel) {
        ByteBuffer nio = frame.nioBuffer();
        ByteBufferAccessor accessor = new ByteBufferAccessor(nio);
        try {
            RequestHeaderData header = new RequestHeaderData(accessor, apiKey.requestHeaderVersion(version));
            ApiMessage body = apiKey.messageType.newRequest();
            body.read(accessor, version);
            if (nio.hasRemaining()) {
                throw new MalformedRequestException(apiKey + " v" + version + " request has "
                        + nio.remaining() + " trailing bytes");
            }
            return new KafkaRequest(header, apiKey, body, frame, channel);
        } catch (MalformedRequestException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedRequestException("cannot parse " + apiKey + " v" + version + " request: " + e, e);
        }
    }

    private static void requireReadable(ByteBuf frame, int bytes) {
        if (frame.readableBytes() < bytes) {
            throw new MalformedRequestException("frame of " + frame.readableBytes() + " bytes has no request header");
        }
    }
}
