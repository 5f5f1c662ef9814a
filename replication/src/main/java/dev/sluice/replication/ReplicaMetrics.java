package dev.sluice.replication;

/**
 * What the partition layer reports for monitoring. Implementations must be thread-safe and cheap: they are
 * called on append and flush paths.
 */
public interface ReplicaMetrics {
    /** Reports nothing. */
    ReplicaMetrics NONE = new ReplicaMetrics() {
        @Override
        public TopicTraffic topic(String topic) {
            return TopicTraffic.NONE;
        }

        @Override
        public void topicDeleted(String topic) {
        }

        @Override
        public void flushed(long nanos) {
        }
    };

    /**
     * The traffic counters of a topic, asked for when its partitions are opened; every partition of the topic
     * keeps the object it got, so no request looks counters up.
     */
    TopicTraffic topic(String topic);

    /** The topic's partitions are gone; its counters may be dropped. */
    void topicDeleted(String topic);

    /** A log was fsynced, which took {@code nanos}. */
    void flushed(long nanos);
}
