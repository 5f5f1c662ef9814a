package dev.sluice.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

import java.util.List;

/**
 * Serialises a response (size prefix, header, body) into buffers plus zero-copy file regions, ready to be
 * written to the channel in order.
 */
final class ResponseEncoder {
    private ResponseEncoder() {
    }

    static List<Object> encode(ByteBufAllocator allocator, ApiKeys apiKey, short version, int correlationId,
                               ApiMessage body) {
        short headerVersion = apiKey.responseHeaderVersion(version);
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(correlationId);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        MessageSizeAccumulator size = new MessageSizeAccumulator();
        header.addSize(size, cache, headerVersion);
        body.addSize(size, cache, version);
        int copied = 4 + size.sizeExcludingZeroCopy();
        ByteBufWritable out = new ByteBufWritable(allocator, copied);
        try {
            ByteBuf first = out.current();
            first.writeInt(size.totalSize());
            header.write(out, cache, headerVersion);
            body.write(out, cache, version);
            return out.finish();
        } catch (RuntimeException e) {
            out.discard();
            throw e;
        }
    }
}
