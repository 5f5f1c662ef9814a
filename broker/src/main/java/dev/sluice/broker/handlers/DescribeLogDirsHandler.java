package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.replication.Partition;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsPartition;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** DescribeLogDirs: each log directory with its partitions' sizes, and the directory's total and free space. */
public final class DescribeLogDirsHandler extends ApiHandler<DescribeLogDirsRequestData> {
    private final BrokerNode node;

    public DescribeLogDirsHandler(BrokerNode node) {
        super(ApiKeys.DESCRIBE_LOG_DIRS, 1, 5);
        this.node = node;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, DescribeLogDirsRequestData body) {
        List<DescribeLogDirsResult> results = new ArrayList<>();
        for (Path dir : node.replicas().logDirectories().dirs()) {
            results.add(describe(dir, body));
        }
        return CompletableFuture.completedFuture(new DescribeLogDirsResponseData().setResults(results));
    }

    private DescribeLogDirsResult describe(Path dir, DescribeLogDirsRequestData body) {
        DescribeLogDirsResult result = new DescribeLogDirsResult().setLogDir(dir.toString());
        Map<String, DescribeLogDirsTopic> topics = new LinkedHashMap<>();
        for (Partition partition : node.replicas().partitions()) {
            String topic = partition.topicPartition().topic();
            int index = partition.topicPartition().partition();
            if (!partition.logDir().equals(dir) || !requested(body, topic, index)) {
                continue;
            }
            topics.computeIfAbsent(topic, t -> new DescribeLogDirsTopic().setName(t).setPartitions(new ArrayList<>()))
                    .partitions().add(new DescribeLogDirsPartition().setPartitionIndex(index)
                            .setPartitionSize(partition.sizeInBytes()).setOffsetLag(0).setIsFutureKey(false));
        }
        result.setTopics(new ArrayList<>(topics.values()));
        try {
            FileStore store = Files.getFileStore(dir);
            result.setTotalBytes(store.getTotalSpace()).setUsableBytes(store.getUsableSpace());
        } catch (IOException e) {
            result.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code());
        }
        return result;
    }

    private static boolean requested(DescribeLogDirsRequestData body, String topic, int partition) {
        if (body.topics() == null) {
            return true;
        }
        DescribeLogDirsRequestData.DescribableLogDirTopic wanted = body.topics().find(topic);
        return wanted != null && wanted.partitions().contains(partition);
    }
}
