package dev.sluice.cli;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice topic create}: creates one or more topics. One instance per invocation. */
@Command(name = "create", description = "Create topics.")
final class TopicCreateCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;
    @Mixin
    OutputOptions format;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Topics to create.")
    List<String> names;

    @Option(names = {"-p", "--partitions"}, paramLabel = "N", defaultValue = "-1",
            description = "Partitions per topic (default: -1, the broker's num.partitions).")
    int partitions;

    @Option(names = {"-r", "--replicas"}, paramLabel = "N", defaultValue = "-1",
            description = "Replication factor (default: -1, the broker's default.replication.factor).")
    short replicas;

    @Option(names = {"-c", "--config"}, paramLabel = "KEY=VALUE",
            description = "Topic config, e.g. -c cleanup.policy=compact (repeatable).")
    Map<String, String> configs = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "Only validate the request; create nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (partitions == 0 || partitions < -1) {
            throw new ParameterException(spec.commandLine(), "--partitions must be positive or -1");
        }
        if (replicas == 0 || replicas < -1) {
            throw new ParameterException(spec.commandLine(), "--replicas must be positive or -1");
        }
        Optional<Integer> partitionCount = partitions == -1 ? Optional.empty() : Optional.of(partitions);
        Optional<Short> replicationFactor = replicas == -1 ? Optional.empty() : Optional.of(replicas);
        Set<String> unique = new LinkedHashSet<>(names);
        List<NewTopic> topics = unique.stream()
                .map(name -> new NewTopic(name, partitionCount, replicationFactor).configs(configs))
                .toList();
        try (Admin admin = client.admin()) {
            var result = admin.createTopics(topics, new CreateTopicsOptions().validateOnly(dryRun));
            List<TopicOutcome> outcomes = TopicOutcome.collect(unique, result.values());
            return TopicOutcome.report(outcomes, dryRun ? "OK (dry run)" : "OK",
                    format.output(spec.commandLine().getOut()), spec.commandLine().getErr());
        }
    }
}
