package dev.sluice.config;

import static dev.sluice.config.ConfigType.BOOLEAN;
import static dev.sluice.config.ConfigType.DOUBLE;
import static dev.sluice.config.ConfigType.INT;
import static dev.sluice.config.ConfigType.LIST;
import static dev.sluice.config.ConfigType.LONG;
import static dev.sluice.config.ConfigType.STRING;
import static dev.sluice.config.Validators.atLeast;
import static dev.sluice.config.Validators.between;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names, definitions and broker synonyms of the per-topic configuration keys (Kafka's topic-level set,
 * minus tiered storage and replication throttling). Every topic key is dynamic. Each key lists the broker
 * keys that supply its default, in precedence order, with the factor that converts the broker key's unit
 * to the topic key's (hours to milliseconds, for instance). Immutable once built.
 */
public final class TopicKeys {
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String DELETE_RETENTION_MS = "delete.retention.ms";
    public static final String FILE_DELETE_DELAY_MS = "file.delete.delay.ms";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String MAX_COMPACTION_LAG_MS = "max.compaction.lag.ms";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";
    public static final String MIN_CLEANABLE_DIRTY_RATIO = "min.cleanable.dirty.ratio";
    public static final String MIN_COMPACTION_LAG_MS = "min.compaction.lag.ms";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String PREALLOCATE = "preallocate";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String RETENTION_MS = "retention.ms";
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String SEGMENT_JITTER_MS = "segment.jitter.ms";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";

    static final String COMPRESSION_DOC = "Compression of stored batches. Kafka also accepts uncompressed, gzip, "
            + "snappy, lz4 and zstd to have the broker recompress; Sluice stores record batches exactly as the "
            + "producer compressed them, so only producer is accepted.";
    static final Validator COMPRESSION_VALIDATOR = Validators.only("producer",
            "Sluice stores record batches exactly as the producer compressed them and never recompresses; "
                    + "choose the codec in the producer's compression.type instead");

    private static final long MINUTE_MS = 60_000L;
    private static final long HOUR_MS = 3_600_000L;

    /** A broker key that supplies a topic key's default; its value times {@code factor} is the topic value. */
    record BrokerSynonym(String name, long factor) {
    }

    static final ConfigDef DEF = new ConfigDef();
    private static final Map<String, List<BrokerSynonym>> SYNONYMS = new LinkedHashMap<>();

    static {
        defineRetention();
        defineSegments();
        defineMessages();
        defineCompaction();
        for (Map.Entry<String, List<BrokerSynonym>> e : SYNONYMS.entrySet()) {
            for (BrokerSynonym s : e.getValue()) {
                if (!s.name().equals(e.getKey())) {
                    DEF.hint(s.name(), e.getKey());
                }
            }
        }
    }

    private TopicKeys() {
    }

    /** The broker keys that supply the default of {@code topicKey}, most specific first. */
    static List<BrokerSynonym> synonyms(String topicKey) {
        return SYNONYMS.get(topicKey);
    }

    /** The topic key whose default {@code brokerKey} supplies, or null. */
    static String topicKeyOf(String brokerKey) {
        for (Map.Entry<String, List<BrokerSynonym>> e : SYNONYMS.entrySet()) {
            for (BrokerSynonym s : e.getValue()) {
                if (s.name().equals(brokerKey)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /** Lets the broker definition point a topic key written in broker configuration to its broker synonym. */
    static void addBrokerHints(ConfigDef broker) {
        for (Map.Entry<String, List<BrokerSynonym>> e : SYNONYMS.entrySet()) {
            String primary = e.getValue().get(0).name();
            if (!primary.equals(e.getKey())) {
                broker.hint(e.getKey(), primary);
            }
        }
    }

    private static void define(String name, ConfigType type, Object defaultValue, Validator validator, String doc,
                               BrokerSynonym... synonyms) {
        DEF.define(name, type, defaultValue, validator, true, doc);
        SYNONYMS.put(name, List.of(synonyms));
    }

    private static BrokerSynonym same(String brokerKey) {
        return new BrokerSynonym(brokerKey, 1);
    }

    private static void defineRetention() {
        define(CLEANUP_POLICY, LIST, "delete", Validators.listOf(true, "compact", "delete"),
                "What happens to old segments: delete removes them once retention.ms or retention.bytes is "
                        + "exceeded; compact is accepted but not implemented yet, so it deletes nothing. Both may "
                        + "be combined; an empty list keeps every segment forever.",
                same(BrokerKeys.LOG_CLEANUP_POLICY));
        define(RETENTION_MS, LONG, 604800000L, atLeast(-1),
                "How long, in milliseconds, a segment is kept after its newest record before deletion under the "
                        + "delete policy; -1 keeps segments forever.",
                same(BrokerKeys.LOG_RETENTION_MS), new BrokerSynonym(BrokerKeys.LOG_RETENTION_MINUTES, MINUTE_MS),
                new BrokerSynonym(BrokerKeys.LOG_RETENTION_HOURS, HOUR_MS));
        define(RETENTION_BYTES, LONG, -1L, null,
                "Size, in bytes, a partition may reach before its oldest segments are deleted under the delete "
                        + "policy; -1 means no size limit.",
                same(BrokerKeys.LOG_RETENTION_BYTES));
        define(FILE_DELETE_DELAY_MS, LONG, 60000L, atLeast(0),
                "Milliseconds between a segment's removal from the log and the deletion of its files, so that "
                        + "reads in flight can finish.",
                same(BrokerKeys.LOG_SEGMENT_DELETE_DELAY_MS));
        define(FLUSH_MESSAGES, LONG, Long.MAX_VALUE, atLeast(1),
                "Force an fsync after this many records have been appended to a partition. 1 syncs every batch.",
                same(BrokerKeys.LOG_FLUSH_INTERVAL_MESSAGES));
        define(FLUSH_MS, LONG, Long.MAX_VALUE, atLeast(0),
                "Force an fsync when the oldest unflushed record of a partition is this many milliseconds old.",
                same(BrokerKeys.LOG_FLUSH_INTERVAL_MS), same(BrokerKeys.LOG_FLUSH_SCHEDULER_INTERVAL_MS));
        define(MIN_INSYNC_REPLICAS, INT, 1, atLeast(1),
                "Fewest in-sync replicas that must hold a write before an acks=all produce succeeds.",
                same(BrokerKeys.MIN_INSYNC_REPLICAS));
        define(UNCLEAN_LEADER_ELECTION_ENABLE, BOOLEAN, false, null,
                "Whether a replica outside the in-sync set may become leader when no in-sync replica is alive, at "
                        + "the risk of losing acknowledged records.",
                same(BrokerKeys.UNCLEAN_LEADER_ELECTION_ENABLE));
    }

    private static void defineSegments() {
        define(SEGMENT_BYTES, INT, 1073741824, atLeast(1048576),
                "Size, in bytes, at which the active segment is closed and a new one started.",
                same(BrokerKeys.LOG_SEGMENT_BYTES));
        define(SEGMENT_MS, LONG, 604800000L, atLeast(1),
                "Age, in milliseconds, after which the active segment is rolled even if not full, so that "
                        + "retention and compaction can act on it.",
                same(BrokerKeys.LOG_ROLL_MS), new BrokerSynonym(BrokerKeys.LOG_ROLL_HOURS, HOUR_MS));
        define(SEGMENT_JITTER_MS, LONG, 0L, atLeast(0),
                "Largest random amount, in milliseconds, subtracted from segment.ms per segment.",
                same(BrokerKeys.LOG_ROLL_JITTER_MS), new BrokerSynonym(BrokerKeys.LOG_ROLL_JITTER_HOURS, HOUR_MS));
        define(SEGMENT_INDEX_BYTES, INT, 10485760, atLeast(4),
                "Largest size, in bytes, of a segment's offset index; a full index rolls the segment.",
                same(BrokerKeys.LOG_INDEX_SIZE_MAX_BYTES));
        define(INDEX_INTERVAL_BYTES, INT, 4096, atLeast(0),
                "Bytes of records between two offset index entries. Smaller means more precise seeks and a "
                        + "larger index.",
                same(BrokerKeys.LOG_INDEX_INTERVAL_BYTES));
        define(PREALLOCATE, BOOLEAN, false, null,
                "Whether a new segment gets disk space for its whole size (segment.bytes) reserved at its first "
                        + "append, on ext4; the file's length still grows with its records.",
                same(BrokerKeys.LOG_PREALLOCATE));
    }

    private static void defineMessages() {
        define(MAX_MESSAGE_BYTES, INT, 1048588, atLeast(0),
                "Largest record batch, in bytes after compression, accepted for this topic.",
                same(BrokerKeys.MESSAGE_MAX_BYTES));
        define(COMPRESSION_TYPE, STRING, "producer", COMPRESSION_VALIDATOR, COMPRESSION_DOC,
                same(BrokerKeys.COMPRESSION_TYPE));
        define(MESSAGE_TIMESTAMP_TYPE, STRING, "CreateTime", Validators.oneOf("CreateTime", "LogAppendTime"),
                "CreateTime keeps the timestamps set by the producer; LogAppendTime replaces them with the "
                        + "broker's clock at append.",
                same(BrokerKeys.LOG_MESSAGE_TIMESTAMP_TYPE));
        define(MESSAGE_TIMESTAMP_BEFORE_MAX_MS, LONG, Long.MAX_VALUE, atLeast(0),
                "With CreateTime, reject batches whose timestamp is more than this many milliseconds before the "
                        + "broker's clock.",
                same(BrokerKeys.LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS));
        define(MESSAGE_TIMESTAMP_AFTER_MAX_MS, LONG, 3600000L, atLeast(0),
                "With CreateTime, reject batches whose timestamp is more than this many milliseconds after the "
                        + "broker's clock.",
                same(BrokerKeys.LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS));
    }

    private static void defineCompaction() {
        define(DELETE_RETENTION_MS, LONG, 86400000L, atLeast(0),
                "How long, in milliseconds, tombstones stay in a compacted log, so that consumers reading from "
                        + "the start see deletions.",
                same(BrokerKeys.LOG_CLEANER_DELETE_RETENTION_MS));
        define(MIN_COMPACTION_LAG_MS, LONG, 0L, atLeast(0),
                "Youngest age, in milliseconds, at which a record may be compacted away.",
                same(BrokerKeys.LOG_CLEANER_MIN_COMPACTION_LAG_MS));
        define(MAX_COMPACTION_LAG_MS, LONG, Long.MAX_VALUE, atLeast(1),
                "Oldest age, in milliseconds, a record may reach before its segment must be compacted.",
                same(BrokerKeys.LOG_CLEANER_MAX_COMPACTION_LAG_MS));
        define(MIN_CLEANABLE_DIRTY_RATIO, DOUBLE, 0.5, between(0, 1),
                "Share of the log's bytes that must be uncompacted before the log is compacted again.",
                same(BrokerKeys.LOG_CLEANER_MIN_CLEANABLE_RATIO));
    }
}
