package dev.sluice.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice topic alter-config}: sets and removes topic configs incrementally, leaving the
 * others untouched. One instance per invocation.
 */
@Command(name = "alter-config", description = "Set or delete topic configs.")
final class TopicAlterConfigCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;
    @Mixin
    OutputOptions format;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Topic to alter.")
    String name;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Config to set (repeatable).")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--delete", paramLabel = "KEY", description = "Config to reset to its default (repeatable).")
    List<String> delete = new ArrayList<>();

    /** What was altered, also the JSON document. */
    record Altered(String topic, Map<String, String> set, List<String> deleted) { }

    @Override
    public Integer call() {
        if (set.isEmpty() && delete.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Nothing to alter: pass --set or --delete");
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        try (Admin admin = client.admin()) {
            var result = admin.incrementalAlterConfigs(Map.of(resource, operations(set, delete)));
            Failures.awaitTopic(result.values().get(resource), name);
        }
        Output output = format.output(spec.commandLine().getOut());
        if (output.isJson()) {
            output.json(new Altered(name, set, delete));
        } else {
            output.line("Altered config of topic " + name + ": " + set.size() + " set, " + delete.size() + " deleted");
        }
        return 0;
    }

    static List<AlterConfigOp> operations(Map<String, String> set, List<String> delete) {
        List<AlterConfigOp> ops = new ArrayList<>(set.size() + delete.size());
        set.forEach((key, value) -> ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)));
        for (String key : delete) {
            ops.add(new AlterConfigOp(new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE));
        }
        return ops;
    }
}
