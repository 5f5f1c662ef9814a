package dev.sluice.replication;

/**
 * Bytes and records written to and read from one topic. Counts come from batch sizes and batch headers, never
 * from individual records. Thread-safe.
 */
public interface TopicTraffic {
    /** Counts nothing. */
    TopicTraffic NONE = new TopicTraffic() {
        @Override
        public void appended(long bytes, long records) {
        }

        @Override
        public void fetched(long bytes, long records) {
        }
    };

    /** Batches holding {@code records} records in {@code bytes} bytes were appended by a producer. */
    void appended(long bytes, long records);

    /** Batches holding {@code records} records in {@code bytes} bytes were handed to a consumer. */
    void fetched(long bytes, long records);
}
