package dev.sluice.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Generates the configuration reference ({@code docs/configuration.md}) from the broker and topic
 * definitions, so the documentation cannot drift from the code. Stateless.
 */
public final class ConfigDocs {
    /** The command that rewrites the committed reference, run from the repository root. */
    public static final String REGENERATE_COMMAND = "mvn -q -o -B -pl config compile && "
            + "java -cp config/target/classes dev.sluice.config.ConfigDocs docs/configuration.md";

    private ConfigDocs() {
    }

    /** Writes the reference to the path given as the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ConfigDocs <output.md>");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, markdown(), StandardCharsets.UTF_8);
    }

    /** The complete reference as Markdown. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
                .append("This file is generated from the configuration definitions; a test fails when it is out of ")
                .append("date. Regenerate it from the repository root with:\n\n    ")
                .append(REGENERATE_COMMAND).append("\n\n")
                .append("Key names, types, defaults and meanings follow Apache Kafka 4.x wherever Kafka has the same ")
                .append("setting; keys marked \"Sluice only\" have no Kafka counterpart.\n\n");
        brokerSection(md);
        topicSection(md);
        return md.toString();
    }

    private static void brokerSection(StringBuilder md) {
        md.append("## Broker configuration\n\n")
                .append("Set in a `server.properties`-style file (`key=value` lines, `#` or `!` comments, no ")
                .append("backslash escapes or continuation lines; a later line for a key wins) or as startup ")
                .append("overrides, which win over the file. Without a file the broker uses its embedded ")
                .append("single-node default (`listeners=PLAINTEXT://127.0.0.1:9092`, `log.dirs=./data`, internal ")
                .append("topics with replication factor 1). Keys marked dynamic can also be changed at runtime for ")
                .append("the whole cluster; a runtime value wins over the static one until it is removed. ")
                .append("Time-based keys take the first of their millisecond, minute and hour forms that is set.\n\n");
        header(md, "Dynamic");
        for (ConfigKey key : BrokerConfig.DEF.keys().values()) {
            String topicKey = TopicKeys.topicKeyOf(key.name());
            String doc = topicKey == null ? key.doc() : key.doc() + " Broker-wide default of the topic key `"
                    + topicKey + "`.";
            row(md, key, key.dynamic() ? "yes" : "no", doc);
        }
        md.append('\n');
    }

    private static void topicSection(StringBuilder md) {
        md.append("## Topic configuration\n\n")
                .append("Per-topic overrides, given when a topic is created or changed later with AlterConfigs; all ")
                .append("are dynamic. A key without an override takes its value from the broker synonyms listed, ")
                .append("in order: a runtime (dynamic) broker value, then a static broker value, then the default. ")
                .append("Hour and minute synonyms are converted to milliseconds.\n\n");
        header(md, "Dynamic | Broker synonyms");
        for (ConfigKey key : TopicConfig.DEF.keys().values()) {
            String synonyms = TopicKeys.synonyms(key.name()).stream()
                    .map(s -> "`" + s.name() + "`").collect(Collectors.joining(", "));
            row(md, key, key.dynamic() ? "yes" : "no", synonyms, key.doc());
        }
    }

    private static void header(StringBuilder md, String extraColumns) {
        String columns = "Name | Type | Default | Valid values | " + extraColumns + " | Description";
        md.append("| ").append(columns).append(" |\n|");
        for (int i = columns.split("\\|").length; i > 0; i--) {
            md.append(" --- |");
        }
        md.append('\n');
    }

    /** One table row: name, type, default and valid values of {@code key}, then {@code tail}. */
    private static void row(StringBuilder md, ConfigKey key, String... tail) {
        List<String> cells = new ArrayList<>(List.of("`" + key.name() + "`", key.type().displayName(),
                defaultText(key), validValues(key)));
        cells.addAll(List.of(tail));
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        md.append('\n');
    }

    private static String defaultText(ConfigKey key) {
        if (key.defaultValue() == null) {
            return "(not set)";
        }
        if (key.sensitive()) {
            return Password.HIDDEN;
        }
        String text = key.format(key.defaultValue());
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String validValues(ConfigKey key) {
        if (key.validator() != null) {
            return key.validator().describe();
        }
        return key.type() == ConfigType.BOOLEAN ? "true, false" : "any " + key.type().displayName();
    }
}
