package dev.sluice.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.config.ConfigException;

/**
 * Maps the exceptions of the Kafka client to the one-line messages a user sees. Expected failures
 * (broker unreachable, unknown topic, rejected request, ...) get a message; anything else is a bug
 * and is left for the caller to report with its stack trace. Stateless and thread-safe.
 */
final class Failures {

    private Failures() {
    }

    /** Waits for an admin call; failures surface unwrapped so they can be described. */
    static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        }
    }

    /** Like {@link #await} for a call about one topic: an unknown topic is named in the message. */
    static <T> T awaitTopic(KafkaFuture<T> future, String topic) {
        try {
            return await(future);
        } catch (RuntimeException e) {
            String described = describeTopicFailure(e, topic);
            if (described == null) {
                throw e;
            }
            throw new CliException(described);
        }
    }

    /**
     * The message for a per-topic failure that should be reported next to the topic, or {@code null}
     * when the failure concerns the connection rather than the topic.
     */
    static String describeTopicFailure(Throwable failure, String topic) {
        Throwable cause = unwrap(failure);
        if (cause instanceof UnknownTopicOrPartitionException) {
            return "unknown topic: " + topic;
        }
        if (cause instanceof TopicExistsException) {
            return "topic already exists: " + topic;
        }
        return describeRefusal(cause);
    }

    /**
     * The message for a failure about one consumer group, or {@code null} when the failure concerns the
     * connection rather than the group.
     */
    static String describeGroupFailure(Throwable failure, String group) {
        Throwable cause = unwrap(failure);
        if (cause instanceof GroupIdNotFoundException) {
            return "unknown group: " + group;
        }
        if (cause instanceof GroupNotEmptyException) {
            return "group " + group + " has active members; stop its consumers first";
        }
        return describeRefusal(cause);
    }

    /** The message for a request the broker refused, or {@code null} when it timed out or never got there. */
    private static String describeRefusal(Throwable cause) {
        if (cause instanceof AuthorizationException) {
            return "not authorized: " + messageOf(cause);
        }
        if (cause instanceof ApiException && !(cause instanceof TimeoutException)) {
            return messageOf(cause);
        }
        return null;
    }

    /**
     * The one-line message for {@code failure}, or {@code null} if it is not an expected failure.
     *
     * @param bootstrap the brokers the command tried to reach
     * @param timeout   how long it was willing to wait
     */
    static String describe(Throwable failure, String bootstrap, Duration timeout) {
        Throwable cause = unwrap(failure);
        if (cause instanceof CliException) {
            return cause.getMessage();
        }
        if (cause instanceof TimeoutException) {
            return isUnreachable(cause)
                    ? unreachable(bootstrap, timeout)
                    : "timed out after " + Durations.format(timeout) + ": " + messageOf(cause);
        }
        if (cause instanceof AuthenticationException) {
            return "authentication failed: " + messageOf(cause);
        }
        if (cause instanceof AuthorizationException) {
            return "not authorized: " + messageOf(cause);
        }
        if (cause instanceof ConfigException) {
            return messageOf(cause).contains("resolvable bootstrap")
                    ? "cannot resolve any broker address in " + bootstrap + "; pass --bootstrap HOST:PORT"
                    : "invalid client configuration: " + messageOf(cause);
        }
        if (cause instanceof WakeupException || cause instanceof InterruptedException) {
            return "interrupted";
        }
        if (cause instanceof KafkaException) {
            return messageOf(cause);
        }
        return null;
    }

    static String unreachable(String bootstrap, Duration timeout) {
        return "cannot reach a broker at " + bootstrap + " within " + Durations.format(timeout)
                + "; start one with `sluice server` or pass --bootstrap";
    }

    /** Strips the wrappers that futures and client constructors put around the real failure. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current != current.getCause()
                && (current instanceof ExecutionException || current instanceof CompletionException
                    || isBareKafkaWrapper(current))) {
            current = current.getCause();
        }
        return current;
    }

    /** A plain {@code KafkaException} whose cause says more, e.g. "Failed to construct kafka producer". */
    private static boolean isBareKafkaWrapper(Throwable t) {
        return t.getClass() == KafkaException.class && t.getCause() instanceof KafkaException;
    }

    /**
     * The client reports a broker it never reached as a timeout while waiting for metadata or for a
     * node to send to; a timeout after a request was sent means the broker is there but slow.
     */
    private static boolean isUnreachable(Throwable timeout) {
        for (Throwable t = timeout; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("node assignment") || message.contains("metadata")
                    || message.contains("waiting to send")) {
                return true;
            }
        }
        return false;
    }

    private static String messageOf(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message.strip();
    }

    private static RuntimeException unchecked(Throwable t) {
        return t instanceof RuntimeException r ? r : new CompletionException(t);
    }
}
