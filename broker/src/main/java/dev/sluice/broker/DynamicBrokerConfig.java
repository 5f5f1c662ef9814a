package dev.sluice.broker;

import dev.sluice.config.BrokerConfig;
import dev.sluice.replication.metadata.ClusterMetadata;
import dev.sluice.replication.metadata.MetadataListener;

/**
 * The broker's effective configuration: the static file and overrides, with the dynamic overrides stored in
 * the cluster metadata applied on top. Replaced as a whole, immutable snapshot on every dynamic change.
 */
public final class DynamicBrokerConfig implements MetadataListener {
    private final BrokerConfig staticConfig;
    private final ClusterMetadata metadata;
    private volatile BrokerConfig current;

    public DynamicBrokerConfig(BrokerConfig staticConfig, ClusterMetadata metadata) {
        this.staticConfig = staticConfig;
        this.metadata = metadata;
        this.current = apply();
    }

    public BrokerConfig current() {
        return current;
    }

    public BrokerConfig staticConfig() {
        return staticConfig;
    }

    @Override
    public void brokerConfigsChanged() {
        current = apply();
    }

    private BrokerConfig apply() {
        var dynamic = metadata.dynamicBrokerConfigs();
        return dynamic.isEmpty() ? staticConfig : staticConfig.withDynamic(dynamic);
    }
}
