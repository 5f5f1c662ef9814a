package dev.sluice.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice group delete}: deletes groups without members, with their committed offsets. */
@Command(name = "delete", description = "Delete groups that have no active members, with their committed offsets.")
final class GroupDeleteCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;
    @Mixin
    OutputOptions format;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "GROUP", arity = "1..*", description = "Groups to delete.")
    List<String> names;

    /** The result for one group: {@code error} is null when it was deleted. */
    record Outcome(String group, String error) { }

    @Override
    public Integer call() {
        Set<String> groups = new LinkedHashSet<>(names);
        List<Outcome> outcomes = new ArrayList<>(groups.size());
        try (Admin admin = client.admin()) {
            Map<String, KafkaFuture<Void>> results = admin.deleteConsumerGroups(groups).deletedGroups();
            for (String group : groups) {
                try {
                    Failures.await(results.get(group));
                    outcomes.add(new Outcome(group, null));
                } catch (RuntimeException e) {
                    String error = Failures.describeGroupFailure(e, group);
                    if (error == null) {
                        throw e;
                    }
                    outcomes.add(new Outcome(group, error));
                }
            }
        }
        Output output = format.output(spec.commandLine().getOut());
        if (output.isJson()) {
            output.json(outcomes);
        } else {
            output.table(List.of("GROUP", "STATUS"), outcomes.stream()
                    .map(o -> List.of(o.group(), o.error() == null ? "OK" : o.error())).toList());
        }
        long failed = outcomes.stream().filter(o -> o.error() != null).count();
        if (failed == 0) {
            return 0;
        }
        spec.commandLine().getErr().println("error: " + failed + " of " + outcomes.size() + " groups failed");
        spec.commandLine().getErr().flush();
        return FailureHandler.FAILED;
    }
}
