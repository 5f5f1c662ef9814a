package dev.sluice.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice cluster info}: cluster id, controller and brokers. One instance per invocation. */
@Command(name = "info", description = "Show the cluster id, controller and brokers.")
final class ClusterInfoCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;
    @Mixin
    OutputOptions format;
    @Spec
    CommandSpec spec;

    /** A broker as shown. */
    record Broker(int id, String host, int port, String rack) { }

    /** The cluster as shown, also the JSON document; {@code controllerId} is -1 when unknown. */
    record Info(String clusterId, int controllerId, List<Broker> brokers) { }

    @Override
    public Integer call() {
        Info info;
        try (Admin admin = client.admin()) {
            DescribeClusterResult cluster = admin.describeCluster();
            Node controller = Failures.await(cluster.controller());
            Collection<Node> nodes = Failures.await(cluster.nodes());
            info = new Info(Failures.await(cluster.clusterId()),
                    controller == null || controller.isEmpty() ? -1 : controller.id(),
                    nodes.stream().sorted(Comparator.comparingInt(Node::id))
                            .map(n -> new Broker(n.id(), n.host(), n.port(), n.rack()))
                            .toList());
        }
        Output output = format.output(spec.commandLine().getOut());
        if (output.isJson()) {
            output.json(info);
        } else {
            print(info, output);
        }
        return 0;
    }

    static void print(Info info, Output output) {
        output.section("CLUSTER", Output.renderPairs(List.of(
                List.of("ID", info.clusterId() == null ? "-" : info.clusterId()),
                List.of("CONTROLLER", info.controllerId() < 0 ? "-" : Integer.toString(info.controllerId())))));
        List<List<String>> rows = new ArrayList<>(info.brokers().size());
        for (Broker broker : info.brokers()) {
            rows.add(List.of(Integer.toString(broker.id()), broker.host(), Integer.toString(broker.port()),
                    broker.rack() == null ? "-" : broker.rack()));
        }
        output.section("BROKERS", Output.renderTable(List.of("ID", "HOST", "PORT", "RACK"), rows));
    }
}
