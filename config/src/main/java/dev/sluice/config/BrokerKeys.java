package dev.sluice.config;

import static dev.sluice.config.ConfigType.BOOLEAN;
import static dev.sluice.config.ConfigType.DOUBLE;
import static dev.sluice.config.ConfigType.INT;
import static dev.sluice.config.ConfigType.LIST;
import static dev.sluice.config.ConfigType.LONG;
import static dev.sluice.config.ConfigType.SHORT;
import static dev.sluice.config.ConfigType.STRING;
import static dev.sluice.config.Validators.atLeast;
import static dev.sluice.config.Validators.between;

/**
 * Names and definitions of the broker configuration keys. Names, types, defaults and dynamic update
 * mode follow Kafka 4.x wherever Kafka has the setting; {@code dynamic} marks the keys Kafka lets an
 * operator change cluster-wide at runtime. Keys that are also topic defaults are documented once
 * here and once as their topic key in {@link TopicKeys}. The definition is immutable once built.
 */
public final class BrokerKeys {
    public static final String NODE_ID = "node.id";
    public static final String LISTENERS = "listeners";
    public static final String ADVERTISED_LISTENERS = "advertised.listeners";
    public static final String LOG_DIRS = "log.dirs";
    public static final String LOG_DIR = "log.dir";
    public static final String NUM_PARTITIONS = "num.partitions";
    public static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
    public static final String AUTO_CREATE_TOPICS_ENABLE = "auto.create.topics.enable";
    public static final String DELETE_TOPIC_ENABLE = "delete.topic.enable";
    public static final String MESSAGE_MAX_BYTES = "message.max.bytes";
    public static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";
    public static final String SOCKET_SEND_BUFFER_BYTES = "socket.send.buffer.bytes";
    public static final String SOCKET_RECEIVE_BUFFER_BYTES = "socket.receive.buffer.bytes";
    public static final String NUM_NETWORK_THREADS = "num.network.threads";
    public static final String NUM_IO_THREADS = "num.io.threads";
    public static final String CONNECTIONS_MAX_IDLE_MS = "connections.max.idle.ms";
    public static final String NETWORK_IO_MODE = "network.io.mode";
    public static final String METRICS_LISTENER = "metrics.listener";
    public static final String LOG_SEGMENT_BYTES = "log.segment.bytes";
    public static final String LOG_ROLL_MS = "log.roll.ms";
    public static final String LOG_ROLL_HOURS = "log.roll.hours";
    public static final String LOG_ROLL_JITTER_MS = "log.roll.jitter.ms";
    public static final String LOG_ROLL_JITTER_HOURS = "log.roll.jitter.hours";
    public static final String LOG_RETENTION_MS = "log.retention.ms";
    public static final String LOG_RETENTION_MINUTES = "log.retention.minutes";
    public static final String LOG_RETENTION_HOURS = "log.retention.hours";
    public static final String LOG_RETENTION_BYTES = "log.retention.bytes";
    public static final String LOG_RETENTION_CHECK_INTERVAL_MS = "log.retention.check.interval.ms";
    public static final String LOG_INDEX_INTERVAL_BYTES = "log.index.interval.bytes";
    public static final String LOG_INDEX_SIZE_MAX_BYTES = "log.index.size.max.bytes";
    public static final String LOG_FLUSH_INTERVAL_MESSAGES = "log.flush.interval.messages";
    public static final String LOG_FLUSH_INTERVAL_MS = "log.flush.interval.ms";
    public static final String LOG_FLUSH_SCHEDULER_INTERVAL_MS = "log.flush.scheduler.interval.ms";
    public static final String LOG_MESSAGE_TIMESTAMP_TYPE = "log.message.timestamp.type";
    public static final String LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "log.message.timestamp.before.max.ms";
    public static final String LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS = "log.message.timestamp.after.max.ms";
    public static final String LOG_CLEANUP_POLICY = "log.cleanup.policy";
    public static final String LOG_SEGMENT_DELETE_DELAY_MS = "log.segment.delete.delay.ms";
    public static final String LOG_PREALLOCATE = "log.preallocate";
    public static final String LOG_SEGMENT_RESERVE_BYTES = "log.segment.reserve.bytes";
    public static final String LOG_CLEANER_DELETE_RETENTION_MS = "log.cleaner.delete.retention.ms";
    public static final String LOG_CLEANER_MIN_COMPACTION_LAG_MS = "log.cleaner.min.compaction.lag.ms";
    public static final String LOG_CLEANER_MAX_COMPACTION_LAG_MS = "log.cleaner.max.compaction.lag.ms";
    public static final String LOG_CLEANER_MIN_CLEANABLE_RATIO = "log.cleaner.min.cleanable.ratio";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";
    public static final String PRODUCER_ID_EXPIRATION_MS = "producer.id.expiration.ms";
    public static final String OFFSETS_TOPIC_NUM_PARTITIONS = "offsets.topic.num.partitions";
    public static final String OFFSETS_TOPIC_REPLICATION_FACTOR = "offsets.topic.replication.factor";
    public static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
    public static final String OFFSETS_RETENTION_CHECK_INTERVAL_MS = "offsets.retention.check.interval.ms";
    public static final String GROUP_INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";
    public static final String GROUP_MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
    public static final String GROUP_MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
    public static final String OFFSET_METADATA_MAX_BYTES = "offset.metadata.max.bytes";
    public static final String TRANSACTION_STATE_LOG_NUM_PARTITIONS = "transaction.state.log.num.partitions";
    public static final String TRANSACTION_STATE_LOG_REPLICATION_FACTOR = "transaction.state.log.replication.factor";
    public static final String TRANSACTION_STATE_LOG_MIN_ISR = "transaction.state.log.min.isr";
    public static final String TRANSACTION_MAX_TIMEOUT_MS = "transaction.max.timeout.ms";
    public static final String TRANSACTIONAL_ID_EXPIRATION_MS = "transactional.id.expiration.ms";

    static final boolean DYNAMIC = true;
    static final boolean STATIC = false;

    static final ConfigDef DEF = new ConfigDef();

    static {
        defineServer();
        defineNetwork();
        defineSegmentDefaults();
        defineRetentionDefaults();
        defineRecordDefaults();
        defineCleanerDefaults();
        defineCoordinators();
        TopicKeys.addBrokerHints(DEF);
    }

    private BrokerKeys() {
    }

    private static void defineServer() {
        DEF.define(NODE_ID, INT, 1, atLeast(0), STATIC,
                        "Identifier of this broker, unique within the cluster.")
                .define(LISTENERS, LIST, "PLAINTEXT://:9092", Validators.listeners(), STATIC,
                        "Addresses the broker accepts connections on, as comma-separated NAME://host:port entries. "
                                + "An empty host binds every interface; port 0 picks a free port.")
                .define(ADVERTISED_LISTENERS, LIST, null, Validators.listeners(), STATIC,
                        "Addresses given to clients in metadata responses, one per listener name, in the same format "
                                + "as listeners. Every name must also appear in listeners. If not set, listeners is "
                                + "used.")
                .define(LOG_DIRS, LIST, null, Validators.nonEmpty(), STATIC,
                        "Comma-separated directories that hold the partition logs. If not set, log.dir is used.")
                .define(LOG_DIR, LIST, "/tmp/sluice-logs", Validators.nonEmpty(), STATIC,
                        "Directory (or comma-separated directories) for partition logs, used only when log.dirs is "
                                + "not set.")
                .define(NUM_PARTITIONS, INT, 1, atLeast(1), STATIC,
                        "Partition count of topics created without an explicit count, including auto-created ones.")
                .define(DEFAULT_REPLICATION_FACTOR, INT, 1, atLeast(1), STATIC,
                        "Replication factor of topics created without an explicit one, including auto-created ones.")
                .define(AUTO_CREATE_TOPICS_ENABLE, BOOLEAN, true, STATIC,
                        "Whether a metadata request for an unknown topic creates it.")
                .define(DELETE_TOPIC_ENABLE, BOOLEAN, true, STATIC,
                        "Whether topics may be deleted; when false, DeleteTopics requests are refused.")
                .define(MESSAGE_MAX_BYTES, INT, 1048588, atLeast(0), DYNAMIC,
                        "Largest record batch, in bytes after compression, the broker accepts.")
                .define(PRODUCER_ID_EXPIRATION_MS, INT, 86400000, atLeast(1), DYNAMIC,
                        "How long the broker keeps the state of an idempotent producer after its last write to a "
                                + "partition. A producer silent for longer loses its duplicate protection there.")
                .define(UNCLEAN_LEADER_ELECTION_ENABLE, BOOLEAN, false, DYNAMIC,
                        "Whether a replica outside the in-sync set may become leader when no in-sync replica is "
                                + "alive, trading possible data loss for availability.")
                .define(MIN_INSYNC_REPLICAS, INT, 1, atLeast(1), DYNAMIC,
                        "Fewest in-sync replicas that must hold a write before an acks=all produce succeeds; with "
                                + "fewer, such produces fail with NOT_ENOUGH_REPLICAS.")
                .define(COMPRESSION_TYPE, STRING, "producer", TopicKeys.COMPRESSION_VALIDATOR, DYNAMIC,
                        TopicKeys.COMPRESSION_DOC);
    }

    private static void defineNetwork() {
        DEF.define(SOCKET_REQUEST_MAX_BYTES, INT, 104857600, atLeast(1), STATIC,
                        "Largest request frame, in bytes, the broker reads; a longer frame closes the connection.")
                .define(SOCKET_SEND_BUFFER_BYTES, INT, -1, atLeast(-1), STATIC,
                        "SO_SNDBUF of client connections, in bytes; -1 leaves it to the operating system, which "
                                + "grows it with the connection's throughput, so a fetch response reaches a client "
                                + "with a small receive buffer in fewer wake-ups of the broker (Kafka's default is "
                                + "102400).")
                .define(SOCKET_RECEIVE_BUFFER_BYTES, INT, -1, atLeast(-1), STATIC,
                        "SO_RCVBUF of client connections, in bytes; -1 leaves it to the operating system, which "
                                + "grows it with the connection's throughput, so a large produce request arrives "
                                + "in fewer reads (Kafka's default is 102400).")
                .define(NUM_NETWORK_THREADS, INT, 3, atLeast(1), STATIC,
                        "Event-loop threads: they read requests, run the request handlers (including appends "
                        + "to the page cache) and write responses.")
                .define(NUM_IO_THREADS, INT, 8, atLeast(1), STATIC,
                        "Background threads for work that may block: retention, time-based flushes, fsync of "
                        + "rolled segments and delayed deletion of segment files.")
                .define(CONNECTIONS_MAX_IDLE_MS, LONG, 600000L, STATIC,
                        "Connections without traffic for this many milliseconds are closed.")
                .define(NETWORK_IO_MODE, STRING, "auto", Validators.oneOf("auto", "epoll", "nio"), STATIC,
                        "Sluice only. Network transport: epoll (Linux native), nio (portable Java NIO), or auto, "
                                + "which uses epoll where it is available and nio elsewhere.")
                .define(METRICS_LISTENER, STRING, "127.0.0.1:9644", Validators.hostPortOrNone(), STATIC,
                        "Sluice only. host:port of the HTTP endpoint serving /metrics (Prometheus), /health and "
                                + "/ready; port 0 picks a free port, an empty host binds every interface. "
                                + "none (or an empty value) turns the endpoint off.");
    }

    private static void defineSegmentDefaults() {
        DEF.define(LOG_SEGMENT_BYTES, INT, 1073741824, atLeast(1048576), DYNAMIC,
                        "Size, in bytes, at which a log segment is closed and a new one started.")
                .define(LOG_ROLL_MS, LONG, null, atLeast(1), DYNAMIC,
                        "Age, in milliseconds, at which a segment is rolled even if not full. If not set, "
                                + "log.roll.hours is used.")
                .define(LOG_ROLL_HOURS, INT, 168, atLeast(1), STATIC,
                        "Age, in hours, at which a segment is rolled; used only when log.roll.ms is not set.")
                .define(LOG_ROLL_JITTER_MS, LONG, null, atLeast(0), DYNAMIC,
                        "Largest random amount, in milliseconds, subtracted from the roll age so segments of many "
                                + "partitions do not roll at once. If not set, log.roll.jitter.hours is used.")
                .define(LOG_ROLL_JITTER_HOURS, INT, 0, atLeast(0), STATIC,
                        "Roll jitter in hours; used only when log.roll.jitter.ms is not set.")
                .define(LOG_INDEX_INTERVAL_BYTES, INT, 4096, atLeast(0), DYNAMIC,
                        "Bytes of records between two entries of the offset index.")
                .define(LOG_INDEX_SIZE_MAX_BYTES, INT, 10485760, atLeast(4), DYNAMIC,
                        "Largest size, in bytes, of a segment's offset index; a full index rolls the segment.")
                .define(LOG_PREALLOCATE, BOOLEAN, false, DYNAMIC,
                        "Whether a new segment gets disk space for its whole size (log.segment.bytes) reserved at "
                                + "its first append, on ext4; the file's length still grows with its records.")
                .define(LOG_SEGMENT_RESERVE_BYTES, LONG, 8L << 20, atLeast(0), DYNAMIC,
                        "Sluice only. Disk space, in bytes, reserved at a time past the end of each partition's "
                                + "active segment on ext4 (fallocate, keeping the file's length), so that appends "
                                + "write into allocated blocks instead of having ext4 allocate each page; what is "
                                + "left is given back when the segment rolls. 0 reserves nothing.");
    }

    private static void defineRetentionDefaults() {
        DEF.define(LOG_RETENTION_MS, LONG, null, DYNAMIC,
                        "How long, in milliseconds, a segment is kept before deletion; -1 keeps segments forever. "
                                + "If not set, log.retention.minutes is used.")
                .define(LOG_RETENTION_MINUTES, INT, null, STATIC,
                        "Retention in minutes; used only when log.retention.ms is not set. If not set either, "
                                + "log.retention.hours is used.")
                .define(LOG_RETENTION_HOURS, INT, 168, STATIC,
                        "Retention in hours; used only when neither log.retention.ms nor log.retention.minutes is set.")
                .define(LOG_RETENTION_BYTES, LONG, -1L, DYNAMIC,
                        "Size, in bytes, a partition may reach before its oldest segments are deleted; -1 means no "
                                + "limit.")
                .define(LOG_RETENTION_CHECK_INTERVAL_MS, LONG, 300000L, atLeast(1), STATIC,
                        "How often, in milliseconds, the broker looks for segments that retention allows to delete.")
                .define(LOG_CLEANUP_POLICY, LIST, "delete", Validators.listOf(true, "compact", "delete"), DYNAMIC,
                        "What happens to old segments: delete removes them by retention time and size, compact "
                                + "is accepted but not implemented yet, so it deletes nothing; both may be combined, "
                                + "and an empty list keeps every segment.")
                .define(LOG_SEGMENT_DELETE_DELAY_MS, LONG, 60000L, atLeast(0), DYNAMIC,
                        "Milliseconds between a segment's removal from a log and the deletion of its files.");
    }

    private static void defineRecordDefaults() {
        DEF.define(LOG_FLUSH_INTERVAL_MESSAGES, LONG, Long.MAX_VALUE, atLeast(1), DYNAMIC,
                        "Records appended to a partition before it is flushed to disk.")
                .define(LOG_FLUSH_INTERVAL_MS, LONG, null, atLeast(0), DYNAMIC,
                        "Longest time, in milliseconds, appended records may stay unflushed. If not set, "
                                + "log.flush.scheduler.interval.ms is used.")
                .define(LOG_FLUSH_SCHEDULER_INTERVAL_MS, LONG, Long.MAX_VALUE, STATIC,
                        "How often, in milliseconds, the broker checks whether a partition is due for a flush.")
                .define(LOG_MESSAGE_TIMESTAMP_TYPE, STRING, "CreateTime",
                        Validators.oneOf("CreateTime", "LogAppendTime"), DYNAMIC, "Whether record timestamps are those set by the producer (CreateTime) or the time "
                                + "the broker appends them (LogAppendTime).")
                .define(LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS, LONG, Long.MAX_VALUE, atLeast(0), DYNAMIC,
                        "With CreateTime, batches with a timestamp more than this many milliseconds before the "
                                + "broker's clock are rejected.")
                .define(LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS, LONG, 3600000L, atLeast(0), DYNAMIC,
                        "With CreateTime, batches with a timestamp more than this many milliseconds after the "
                                + "broker's clock are rejected.");
    }

    private static void defineCleanerDefaults() {
        DEF.define(LOG_CLEANER_DELETE_RETENTION_MS, LONG, 86400000L, atLeast(0), DYNAMIC,
                        "How long, in milliseconds, tombstones stay in compacted logs.")
                .define(LOG_CLEANER_MIN_COMPACTION_LAG_MS, LONG, 0L, atLeast(0), DYNAMIC,
                        "Youngest age, in milliseconds, at which a record may be compacted away.")
                .define(LOG_CLEANER_MAX_COMPACTION_LAG_MS, LONG, Long.MAX_VALUE, atLeast(1), DYNAMIC,
                        "Oldest age, in milliseconds, a record may reach before its segment must be compacted.")
                .define(LOG_CLEANER_MIN_CLEANABLE_RATIO, DOUBLE, 0.5, between(0, 1), DYNAMIC,
                        "Share of a log's bytes that must be uncompacted before it is compacted again.");
    }

    private static void defineCoordinators() {
        DEF.define(OFFSETS_TOPIC_NUM_PARTITIONS, INT, 50, atLeast(1), STATIC,
                        "Partitions of the internal topic holding consumer group offsets and state.")
                .define(OFFSETS_TOPIC_REPLICATION_FACTOR, SHORT, (short) 3, atLeast(1), STATIC,
                        "Replication factor of the consumer offsets topic. Its creation waits until that many "
                                + "brokers are alive; the embedded single-node default sets it to 1.")
                .define(OFFSETS_RETENTION_MINUTES, INT, 10080, atLeast(1), STATIC,
                        "Minutes committed offsets are kept once their group has no members: counted from when "
                                + "the group became empty (or the broker started) or from the offset's last commit, "
                                + "whichever is later. In a group with members, offsets of topics no member "
                                + "subscribes to expire this long after their last commit.")
                .define(OFFSETS_RETENTION_CHECK_INTERVAL_MS, LONG, 600000L, atLeast(1), STATIC,
                        "How often, in milliseconds, the coordinator removes expired committed offsets.")
                .define(GROUP_INITIAL_REBALANCE_DELAY_MS, INT, 3000, atLeast(0), STATIC,
                        "Milliseconds the coordinator waits for more members before the first rebalance of an "
                                + "empty group.")
                .define(GROUP_MIN_SESSION_TIMEOUT_MS, INT, 6000, atLeast(0), STATIC,
                        "Shortest session timeout a group member may ask for; shorter ones get INVALID_SESSION_TIMEOUT.")
                .define(GROUP_MAX_SESSION_TIMEOUT_MS, INT, 1800000, atLeast(0), STATIC,
                        "Longest session timeout a group member may ask for; longer ones get INVALID_SESSION_TIMEOUT.")
                .define(OFFSET_METADATA_MAX_BYTES, INT, 4096, between(0, Short.MAX_VALUE), STATIC,
                        "Largest metadata string a committed offset may carry; larger ones get "
                                + "OFFSET_METADATA_TOO_LARGE.")
                .define(TRANSACTION_STATE_LOG_NUM_PARTITIONS, INT, 50, atLeast(1), STATIC,
                        "Partitions of the internal topic holding transaction state.")
                .define(TRANSACTION_STATE_LOG_REPLICATION_FACTOR, SHORT, (short) 3, atLeast(1), STATIC,
                        "Replication factor of the transaction state topic. Its creation waits until that many "
                                + "brokers are alive; the embedded single-node default sets it to 1.")
                .define(TRANSACTION_STATE_LOG_MIN_ISR, INT, 2, atLeast(1), STATIC,
                        "min.insync.replicas of the transaction state topic.")
                .define(TRANSACTION_MAX_TIMEOUT_MS, INT, 900000, atLeast(1), STATIC,
                        "Largest transaction timeout, in milliseconds, a producer may ask for.")
                .define(TRANSACTIONAL_ID_EXPIRATION_MS, INT, 604800000, atLeast(1), STATIC,
                        "Milliseconds without transaction activity after which a transactional id's state is "
                                + "expired.");
    }
}
