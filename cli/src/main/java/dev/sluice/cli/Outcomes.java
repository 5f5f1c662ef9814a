package dev.sluice.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.KafkaFuture;

/**
 * Results of an admin request about several named things (topics to create or delete, groups to delete), one
 * outcome per name, and how they are reported. Stateless.
 */
final class Outcomes {
    private Outcomes() {
    }

    /**
     * Waits for every name's result. A failure {@code describe} has a message for is recorded next to its name;
     * any other (the cluster cannot be reached) aborts with an exception, since it would be the same for all.
     * Outcomes come in the order of {@code names}; {@code outcome} makes one from a name and its error (null on
     * success).
     */
    static <T> List<T> collect(Collection<String> names, Map<String, KafkaFuture<Void>> results,
                               BiFunction<Throwable, String, String> describe, BiFunction<String, String, T> outcome) {
        List<T> outcomes = new ArrayList<>(names.size());
        for (String name : names) {
            try {
                Failures.await(results.get(name));
                outcomes.add(outcome.apply(name, null));
            } catch (RuntimeException e) {
                String error = describe.apply(e, name);
                if (error == null) {
                    throw e;
                }
                outcomes.add(outcome.apply(name, error));
            }
        }
        return outcomes;
    }

    /**
     * Prints a table of {@code column} and STATUS (or the outcomes as a JSON array) and returns the exit status:
     * 1 if any failed.
     *
     * @param plural   what the names are, for the error line ("topics")
     * @param okStatus what the STATUS column says for a success
     */
    static <T> int report(List<T> outcomes, Function<T, String> name, Function<T, String> error, String column,
                          String plural, String okStatus, Output output, PrintWriter err) {
        output.list(outcomes, List.of(column, "STATUS"), outcome -> {
            String failure = error.apply(outcome);
            return List.of(name.apply(outcome), failure == null ? okStatus : failure);
        });
        long failed = outcomes.stream().filter(o -> error.apply(o) != null).count();
        if (failed == 0) {
            return 0;
        }
        err.println("error: " + failed + " of " + outcomes.size() + " " + plural + " failed");
        err.flush();
        return FailureHandler.FAILED;
    }
}
