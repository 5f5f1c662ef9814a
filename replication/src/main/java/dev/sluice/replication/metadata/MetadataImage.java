package dev.sluice.replication.metadata;

import org.apache.kafka.common.Uuid;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** An immutable snapshot of the cluster metadata, published to readers as a whole. */
record MetadataImage(String clusterId, long nextProducerId, Map<String, TopicMetadata> topicsByName,
                     Map<Uuid, TopicMetadata> topicsById, Set<Uuid> retiredTopicIds,
                     Map<String, String> brokerConfigs) {

    static MetadataImage empty(String clusterId) {
        return new MetadataImage(clusterId, 0, Map.of(), Map.of(), Set.of(), Map.of());
    }

    MetadataImage withTopics(Map<String, TopicMetadata> topics) {
        Map<Uuid, TopicMetadata> byId = new HashMap<>();
        topics.values().forEach(t -> byId.put(t.id(), t));
        Set<Uuid> retired = new HashSet<>(retiredTopicIds);
        topicsById.keySet().stream().filter(id -> !byId.containsKey(id)).forEach(retired::add);
        return new MetadataImage(clusterId, nextProducerId, Collections.unmodifiableMap(new LinkedHashMap<>(topics)),
                Map.copyOf(byId), Set.copyOf(retired), brokerConfigs);
    }

    MetadataImage withTopic(TopicMetadata topic) {
        Map<String, TopicMetadata> topics = new LinkedHashMap<>(topicsByName);
        topics.put(topic.name(), topic);
        return withTopics(topics);
    }

    MetadataImage withBrokerConfigs(Map<String, String> configs) {
        return new MetadataImage(clusterId, nextProducerId, topicsByName, topicsById, retiredTopicIds, Map.copyOf(configs));
    }

    MetadataImage withNextProducerId(long next) {
        return new MetadataImage(clusterId, next, topicsByName, topicsById, retiredTopicIds, brokerConfigs);
    }

    static MetadataImage fromState(LocalClusterMetadata.MetadataState state) {
        Map<String, TopicMetadata> topics = new LinkedHashMap<>();
        for (LocalClusterMetadata.TopicState t : state.topics) {
            topics.put(t.name, new TopicMetadata(t.name, Uuid.fromString(t.id), t.partitions, t.configs, t.name.startsWith("__")));
        }
        Set<Uuid> retired = new HashSet<>();
        state.retiredTopicIds.forEach(id -> retired.add(Uuid.fromString(id)));
        return new MetadataImage(state.clusterId, state.nextProducerId, Map.of(), Map.of(), Set.copyOf(retired),
                Map.copyOf(state.brokerConfigs)).withTopics(topics);
    }

    LocalClusterMetadata.MetadataState toState() {
        LocalClusterMetadata.MetadataState state = new LocalClusterMetadata.MetadataState();
        state.clusterId = clusterId;
        state.nextProducerId = nextProducerId;
        for (TopicMetadata t : topicsByName.values()) {
            LocalClusterMetadata.TopicState ts = new LocalClusterMetadata.TopicState();
            ts.name = t.name();
            ts.id = t.id().toString();
            ts.partitions = t.partitions();
            ts.configs = new HashMap<>(t.configs());
            state.topics.add(ts);
        }
        retiredTopicIds.forEach(id -> state.retiredTopicIds.add(id.toString()));
        state.brokerConfigs = new HashMap<>(brokerConfigs);
        return state;
    }
}
