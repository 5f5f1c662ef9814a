package dev.sluice.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Option;

/**
 * Connection options shared by every command that talks to a broker (a picocli mixin), and the
 * Kafka client configurations derived from them. Values given with {@code -X} are applied last and
 * win over anything derived here. Populated once by picocli, then read-only.
 */
final class ClientOptions {

    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    private static final long MAX_REQUEST_TIMEOUT_MS = 30_000;
    private static final long DELIVERY_HEADROOM_MS = 1_000;

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:SLUICE_BOOTSTRAP:-" + DEFAULT_BOOTSTRAP + "}",
            description = "Brokers to bootstrap from (default: $SLUICE_BOOTSTRAP, else "
                    + DEFAULT_BOOTSTRAP + ").")
    String bootstrap = DEFAULT_BOOTSTRAP;

    @Option(names = {"-X", "--client-config"}, paramLabel = "KEY=VALUE",
            description = "Kafka client setting, e.g. -X security.protocol=SSL (repeatable).")
    Map<String, String> clientConfig = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = Durations.class,
            description = "How long to wait for the cluster, e.g. 500ms, 30s, 2m (default: 30s).")
    Duration timeout = Duration.ofSeconds(30);

    Admin admin() {
        Properties props = common();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeout));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(timeout));
        return Admin.create(withOverrides(props));
    }

    Properties producer() {
        Properties props = common();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(timeout));
        long requestTimeout = Math.min(timeout.toMillis(), MAX_REQUEST_TIMEOUT_MS);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(requestTimeout));
        // Gives up on a record after about --timeout; the headroom covers linger.ms, which the
        // producer requires delivery.timeout.ms to exceed together with request.timeout.ms.
        long deliveryTimeout = Math.max(timeout.toMillis(), requestTimeout) + DELIVERY_HEADROOM_MS;
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(deliveryTimeout));
        return props;
    }

    Properties consumer() {
        Properties props = common();
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeout));
        long requestTimeout = Math.min(timeout.toMillis(), MAX_REQUEST_TIMEOUT_MS);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(requestTimeout));
        return props;
    }

    /** Applies the {@code -X} settings on top of {@code props}; call after the command's own settings. */
    Properties withOverrides(Properties props) {
        props.putAll(clientConfig);
        return props;
    }

    private Properties common() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "sluice-cli");
        return props;
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
