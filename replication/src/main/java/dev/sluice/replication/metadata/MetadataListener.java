package dev.sluice.replication.metadata;

/** Told about each committed metadata change, on the thread that made it, after it is durable. */
public interface MetadataListener {
    default void topicCreated(TopicMetadata topic) {
    }

    default void topicDeleted(TopicMetadata topic) {
    }

    default void partitionsAdded(TopicMetadata before, TopicMetadata after) {
    }

    default void topicConfigsChanged(TopicMetadata topic) {
    }

    default void brokerConfigsChanged() {
    }
}
