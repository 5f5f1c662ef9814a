package dev.sluice.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaFuture;

/**
 * The result of a per-topic request (create, delete) for one topic: {@code error} is {@code null}
 * on success. Immutable.
 */
record TopicOutcome(String topic, String error) {

    /**
     * Waits for every topic's result. Failures about a topic are recorded next to it; a failure to
     * reach the cluster aborts with an exception, since it would be the same for every topic.
     * Outcomes come in the order of {@code topics}.
     */
    static List<TopicOutcome> collect(Collection<String> topics, Map<String, KafkaFuture<Void>> results) {
        List<TopicOutcome> outcomes = new ArrayList<>(topics.size());
        for (String topic : topics) {
            try {
                Failures.await(results.get(topic));
                outcomes.add(new TopicOutcome(topic, null));
            } catch (RuntimeException e) {
                String error = Failures.describeTopicFailure(e, topic);
                if (error == null) {
                    throw e;
                }
                outcomes.add(new TopicOutcome(topic, error));
            }
        }
        return outcomes;
    }

    /**
     * Prints a TOPIC STATUS table (or JSON array) and returns the exit status: 1 if any topic failed.
     *
     * @param okStatus what the STATUS column says for a topic that succeeded
     */
    static int report(List<TopicOutcome> outcomes, String okStatus, Output output, PrintWriter err) {
        if (output.isJson()) {
            output.json(outcomes);
        } else {
            List<List<String>> rows = new ArrayList<>(outcomes.size());
            for (TopicOutcome outcome : outcomes) {
                rows.add(List.of(outcome.topic(), outcome.error() == null ? okStatus : outcome.error()));
            }
            output.table(List.of("TOPIC", "STATUS"), rows);
        }
        long failed = outcomes.stream().filter(o -> o.error() != null).count();
        if (failed == 0) {
            return 0;
        }
        err.println("error: " + failed + " of " + outcomes.size() + " topics failed");
        err.flush();
        return FailureHandler.FAILED;
    }
}
