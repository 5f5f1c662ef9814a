package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

class TopicOutcomeTest {

    private static KafkaFuture<Void> failed(Throwable failure) {
        KafkaFutureImpl<Void> future = new KafkaFutureImpl<>();
        future.completeExceptionally(failure);
        return future;
    }

    @Test
    void collectsOutcomesInTheOrderTheTopicsWereGiven() {
        Map<String, KafkaFuture<Void>> results = Map.of(
                "b", KafkaFuture.completedFuture(null),
                "a", failed(new TopicExistsException("Topic 'a' already exists.")));

        List<TopicOutcome> outcomes = TopicOutcome.collect(List.of("b", "a"), results);

        assertEquals(List.of(new TopicOutcome("b", null), new TopicOutcome("a", "topic already exists: a")),
                outcomes);
    }

    @Test
    void anUnreachableClusterAbortsInsteadOfFailingEachTopic() {
        Map<String, KafkaFuture<Void>> results = Map.of(
                "a", failed(new TimeoutException("Timed out waiting for a node assignment")));

        assertThrows(TimeoutException.class, () -> TopicOutcome.collect(List.of("a"), results));
    }

    @Test
    void reportPrintsATableAndFailsIfAnyTopicFailed() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<TopicOutcome> outcomes = List.of(new TopicOutcome("orders", null),
                new TopicOutcome("payments", "topic already exists: payments"));

        int status = TopicOutcome.report(outcomes, "OK", new Output(new PrintWriter(out), Output.Format.TABLE),
                new PrintWriter(err));

        assertEquals(1, status);
        assertEquals("TOPIC     STATUS\norders    OK\npayments  topic already exists: payments\n", out.toString());
        assertEquals("error: 1 of 2 topics failed\n", err.toString());
    }

    @Test
    void reportSucceedsAsJsonWhenEveryTopicSucceeded() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = TopicOutcome.report(List.of(new TopicOutcome("orders", null)), "OK",
                new Output(new PrintWriter(out), Output.Format.JSON), new PrintWriter(err));

        assertEquals(0, status);
        assertEquals("[{\"topic\":\"orders\",\"error\":null}]\n", out.toString());
        assertEquals("", err.toString());
    }
}
