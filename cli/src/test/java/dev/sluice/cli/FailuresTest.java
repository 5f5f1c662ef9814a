package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

class FailuresTest {

    private static final String BOOTSTRAP = "10.0.0.1:9092";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static String describe(Throwable failure) {
        return Failures.describe(failure, BOOTSTRAP, TIMEOUT);
    }

    @Test
    void timeoutWaitingForANodeMeansTheBrokerIsUnreachable() {
        assertEquals("cannot reach a broker at 10.0.0.1:9092 within 30s;"
                        + " start one with `sluice server` or pass --bootstrap",
                describe(new ExecutionException(
                        new TimeoutException("Timed out waiting for a node assignment. Call: listTopics"))));
    }

    @Test
    void timeoutFetchingMetadataMeansTheBrokerIsUnreachable() {
        assertEquals(Failures.unreachable(BOOTSTRAP, TIMEOUT),
                describe(new TimeoutException("Topic orders not present in metadata after 30000 ms.")));
    }

    @Test
    void timeoutOfASentRequestIsReportedAsATimeout() {
        assertEquals("timed out after 30s: Expiring 3 record(s) for orders-0: 30012 ms has passed",
                describe(new TimeoutException("Expiring 3 record(s) for orders-0: 30012 ms has passed")));
    }

    @Test
    void cliExceptionMessageIsShownAsIs() {
        assertEquals("unknown topic: orders", describe(new CliException("unknown topic: orders")));
    }

    @Test
    void brokerErrorsShowTheBrokerMessage() {
        assertEquals("Unknown topic config name: retention.bogus",
                describe(new ExecutionException(new InvalidConfigurationException(
                        "Unknown topic config name: retention.bogus"))));
    }

    @Test
    void securityFailuresSayWhatKindTheyAre() {
        assertEquals("authentication failed: bad password", describe(new SaslAuthenticationException("bad password")));
        assertEquals("not authorized: Not authorized to access topics: [orders]",
                describe(new TopicAuthorizationException("Not authorized to access topics: [orders]")));
    }

    @Test
    void clientConstructionFailureShowsTheUnderlyingConfigProblem() {
        KafkaException wrapped = new KafkaException("Failed to construct kafka producer",
                new ConfigException("Invalid value x for configuration acks"));

        assertEquals("invalid client configuration: Invalid value x for configuration acks", describe(wrapped));
    }

    @Test
    void unexpectedExceptionsAreLeftToTheCaller() {
        assertNull(describe(new NullPointerException()));
        assertNull(describe(new ExecutionException(new IllegalStateException("bug"))));
    }

    @Test
    void topicFailuresNameTheTopic() {
        assertEquals("unknown topic: orders", Failures.describeTopicFailure(
                new UnknownTopicOrPartitionException("This server does not host this topic-partition."), "orders"));
        assertEquals("topic already exists: orders", Failures.describeTopicFailure(
                new TopicExistsException("Topic 'orders' already exists."), "orders"));
    }

    @Test
    void topicAuthorizationFailureSaysSo() {
        assertEquals("not authorized: Not authorized to access topics: [orders]", Failures.describeTopicFailure(
                new TopicAuthorizationException("Not authorized to access topics: [orders]"), "orders"));
    }

    @Test
    void connectionFailuresAreNotTopicFailures() {
        assertNull(Failures.describeTopicFailure(new TimeoutException("Timed out waiting for a node"), "orders"));
        assertNull(Failures.describeTopicFailure(new IllegalStateException(), "orders"));
    }

    @Test
    void awaitTopicTurnsAnUnknownTopicIntoAClearMessage() {
        KafkaFutureImpl<Void> future = new KafkaFutureImpl<>();
        future.completeExceptionally(new UnknownTopicOrPartitionException("does not host"));

        CliException failure = assertThrows(CliException.class, () -> Failures.awaitTopic(future, "orders"));

        assertEquals("unknown topic: orders", failure.getMessage());
    }

    @Test
    void awaitRethrowsTheCauseUnwrapped() {
        TimeoutException cause = new TimeoutException("Timed out waiting for a node assignment");
        KafkaFutureImpl<Void> future = new KafkaFutureImpl<>();
        future.completeExceptionally(cause);

        assertSame(cause, assertThrows(TimeoutException.class, () -> Failures.await(future)));
    }
}
