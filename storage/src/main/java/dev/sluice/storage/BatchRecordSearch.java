package dev.sluice.storage;

import java.nio.ByteBuffer;

/**
 * Finds individual records inside one stored batch for timestamp queries, with the walkers that validate
 * produced batches: {@link UncompressedRecords} in place, {@link DecompressedRecords} as they decompress.
 * Stateless; thread-safe.
 */
final class BatchRecordSearch {
    private BatchRecordSearch() {
    }

    /** First record with timestamp >= target and offset >= minOffset in the batch held by {@code batch}. */
    static Log.TimestampOffset firstAtOrAfter(ByteBuffer batch, long target, long minOffset) {
        RecordBatchView view = new RecordBatchView().wrap(batch, 0);
        if (view.isLogAppendTime()) {
            long offset = Math.max(view.baseOffset(), minOffset);
            return view.maxTimestamp() >= target && offset <= view.lastOffset()
                    ? new Log.TimestampOffset(view.maxTimestamp(), offset) : null;
        }
        Log.TimestampOffset[] found = new Log.TimestampOffset[1];
        forEach(view, batch, (offset, timestamp) -> {
            if (offset >= minOffset && timestamp >= target) {
                found[0] = new Log.TimestampOffset(timestamp, offset);
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** Earliest record carrying exactly {@code timestamp} in the batch, or null. */
    static Log.TimestampOffset firstWithTimestamp(ByteBuffer batch, long timestamp) {
        RecordBatchView view = new RecordBatchView().wrap(batch, 0);
        if (view.isLogAppendTime()) {
            return view.maxTimestamp() == timestamp ? new Log.TimestampOffset(timestamp, view.baseOffset()) : null;
        }
        long[] found = {-1};
        forEach(view, batch, (offset, recordTimestamp) -> {
            if (recordTimestamp == timestamp) {
                found[0] = offset;
                return false;
            }
            return true;
        });
        return found[0] < 0 ? null : new Log.TimestampOffset(timestamp, found[0]);
    }

    private static void forEach(RecordBatchView view, ByteBuffer batch, RecordWalk.RecordVisitor visitor) {
        long baseOffset = view.baseOffset();
        long baseTimestamp = view.baseTimestamp();
        if (view.compressionCodec() == 0) {
            UncompressedRecords records = new UncompressedRecords();
            records.reset(batch, RecordBatchView.HEADER_SIZE, view.sizeInBytes());
            records.visitAll(baseOffset, baseTimestamp, visitor);
        } else {
            ByteBuffer compressed = batch.duplicate().position(RecordBatchView.HEADER_SIZE).limit(view.sizeInBytes());
            new DecompressedRecords().visit(compressed, view.compressionCodec(), baseOffset, baseTimestamp, visitor);
        }
    }
}
