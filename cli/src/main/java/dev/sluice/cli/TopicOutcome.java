package dev.sluice.cli;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaFuture;

/**
 * The result of a per-topic request (create, delete) for one topic: {@code error} is {@code null}
 * on success. Immutable.
 */
record TopicOutcome(String topic, String error) {

    /** Waits for every topic's result; see {@link Outcomes#collect}. Outcomes come in the order of {@code topics}. */
    static List<TopicOutcome> collect(Collection<String> topics, Map<String, KafkaFuture<Void>> results) {
        return Outcomes.collect(topics, results, Failures::describeTopicFailure, TopicOutcome::new);
    }

    /**
     * Prints a TOPIC STATUS table (or JSON array) and returns the exit status: 1 if any topic failed.
     *
     * @param okStatus what the STATUS column says for a topic that succeeded
     */
    static int report(List<TopicOutcome> outcomes, String okStatus, Output output, PrintWriter err) {
        return Outcomes.report(outcomes, TopicOutcome::topic, TopicOutcome::error, "TOPIC", "topics", okStatus,
                output, err);
    }
}
