package dev.sluice.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefTest {
    @Test
    void unknownKeyWithCloseSpellingSuggestsTheKnownKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> BrokerConfig.of(Map.of("log.retention.hour", "1")));
        assertEquals("Unknown configuration 'log.retention.hour'; did you mean 'log.retention.hours'?", e.getMessage());
        assertEquals("log.retention.hour", e.key());
    }

    @Test
    void unknownKeyFarFromEveryKnownKeyHasNoSuggestion() {
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of("foo.bar", "1")));
        assertEquals("Unknown configuration 'foo.bar'", e.getMessage());
    }

    @Test
    void topicKeyWrittenInBrokerConfigurationSuggestsItsBrokerSynonym() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> BrokerConfig.of(Map.of("retention.ms", "1000")));
        assertEquals("Unknown configuration 'retention.ms'; did you mean 'log.retention.ms'?", e.getMessage());
    }

    @Test
    void brokerKeyGivenAsTopicOverrideSuggestsTheTopicKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TopicConfig.validateOverrides(Map.of("log.retention.hours", "1")));
        assertEquals("Unknown configuration 'log.retention.hours'; did you mean 'retention.ms'?", e.getMessage());
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, ConfigDef.distance("abc", "abc"));
        assertEquals(1, ConfigDef.distance("abc", "abd"));
        assertEquals(1, ConfigDef.distance("abc", "ab"));
        assertEquals(3, ConfigDef.distance("", "abc"));
        assertEquals(3, ConfigDef.distance("kitten", "sitting"));
    }
}
