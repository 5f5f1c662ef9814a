package dev.sluice.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
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
        List<Outcome> outcomes;
        try (Admin admin = client.admin()) {
            outcomes = Outcomes.collect(groups, admin.deleteConsumerGroups(groups).deletedGroups(),
                    Failures::describeGroupFailure, Outcome::new);
        }
        return Outcomes.report(outcomes, Outcome::group, Outcome::error, "GROUP", "groups", "OK",
                format.output(spec.commandLine().getOut()), spec.commandLine().getErr());
    }
}
