package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class KeyedLineTest {

    @Test
    void splitsAtTheFirstSeparatorOnly() {
        assertEquals(new KeyedLine("user-1", "a:b:c"), KeyedLine.split("user-1:a:b:c", ":"));
    }

    @Test
    void multiCharacterSeparatorIsRemovedEntirely() {
        assertEquals(new KeyedLine("k", "v"), KeyedLine.split("k::v", "::"));
    }

    @Test
    void lineWithoutSeparatorHasNoKey() {
        assertEquals(new KeyedLine(null, "just a value"), KeyedLine.split("just a value", "\t"));
    }

    @Test
    void withoutSeparatorTheWholeLineIsTheValue() {
        assertEquals(new KeyedLine(null, "k:v"), KeyedLine.split("k:v", null));
    }

    @Test
    void emptyKeyAndEmptyValueArePreserved() {
        assertEquals(new KeyedLine("", "v"), KeyedLine.split(":v", ":"));
        assertEquals(new KeyedLine("k", ""), KeyedLine.split("k:", ":"));
    }

    @Test
    void unescapeTurnsTypedEscapesIntoCharacters() {
        assertEquals("\t", KeyedLine.unescape("\\t"));
        assertEquals("a\nb\\c", KeyedLine.unescape("a\\nb\\\\c"));
        assertEquals("\\x", KeyedLine.unescape("\\x"));
        assertEquals("trailing\\", KeyedLine.unescape("trailing\\"));
    }

    @Test
    void keyValueSplitsAtTheFirstEqualsSign() {
        assertEquals(new KeyValue("trace", "a=b"), KeyValue.parse("trace=a=b"));
        assertEquals(new KeyValue("empty", ""), KeyValue.parse("empty="));
    }

    @Test
    void keyValueNeedsAKey() {
        assertThrows(TypeConversionException.class, () -> KeyValue.parse("novalue"));
        assertThrows(TypeConversionException.class, () -> KeyValue.parse("=v"));
    }
}
