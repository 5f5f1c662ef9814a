package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderingTest {

    private final StringWriter text = new StringWriter();
    private final Output table = new Output(new PrintWriter(text), Output.Format.TABLE);

    @Test
    void topicDescriptionHasSummaryConfigsAndPartitions() {
        TopicDescribeCommand.Details details = new TopicDescribeCommand.Details("orders", "AAAAAAAAAAAAAAAAAAAAAQ",
                false, 2, 3,
                List.of(new TopicDescribeCommand.ConfigRow("cleanup.policy", "compact", "DYNAMIC_TOPIC_CONFIG")),
                List.of(new TopicDescribeCommand.PartitionRow(0, 1, 4, List.of(1, 2, 3), List.of(1, 2), 0L, 1042L),
                        new TopicDescribeCommand.PartitionRow(1, null, null, List.of(2, 3, 1), List.of(), null, null)));

        TopicDescribeCommand.print(details, table);

        assertEquals("""
                SUMMARY
                =======
                NAME        orders
                ID          AAAAAAAAAAAAAAAAAAAAAQ
                PARTITIONS  2
                REPLICAS    3
                INTERNAL    false

                CONFIGS
                =======
                KEY             VALUE    SOURCE
                cleanup.policy  compact  DYNAMIC_TOPIC_CONFIG

                PARTITIONS
                ==========
                PARTITION  LEADER  EPOCH  REPLICAS  ISR  LOG-START-OFFSET  HIGH-WATERMARK
                0          1       4      1,2,3     1,2  0                 1042
                1          -       -      2,3,1          -                 -

                """, text.toString());
    }

    @Test
    void topicDescriptionAsJsonNamesEveryField() {
        TopicDescribeCommand.Details details = new TopicDescribeCommand.Details("orders", null, false, 1, 1,
                List.of(), List.of(new TopicDescribeCommand.PartitionRow(0, 1, 0, List.of(1), List.of(1), 0L, 5L)));

        assertEquals("{\"name\":\"orders\",\"id\":null,\"internal\":false,\"partitionCount\":1,"
                + "\"replicationFactor\":1,\"configs\":[],\"partitions\":[{\"partition\":0,\"leader\":1,"
                + "\"leaderEpoch\":0,\"replicas\":[1],\"isr\":[1],\"logStartOffset\":0,\"highWatermark\":5}]}",
                Output.toJson(details));
    }

    @Test
    void clusterInfoShowsIdControllerAndBrokers() {
        ClusterInfoCommand.Info info = new ClusterInfoCommand.Info("q1Sh-9_ISia_zwGINzRvyQ", -1, List.of(
                new ClusterInfoCommand.Broker(1, "10.0.0.1", 9092, "eu-west-1a"),
                new ClusterInfoCommand.Broker(2, "10.0.0.2", 9092, null)));

        ClusterInfoCommand.print(info, table);

        assertEquals("""
                CLUSTER
                =======
                ID          q1Sh-9_ISia_zwGINzRvyQ
                CONTROLLER  -

                BROKERS
                =======
                ID  HOST      PORT  RACK
                1   10.0.0.1  9092  eu-west-1a
                2   10.0.0.2  9092  -

                """, text.toString());
    }
}
