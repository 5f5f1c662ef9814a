package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTest {

    @Test
    void tableColumnsArePaddedToTheWidestCellWithoutTrailingSpaces() {
        String table = Output.renderTable(List.of("NAME", "PARTITIONS", "REPLICAS"), List.of(
                List.of("orders", "12", "3"),
                List.of("a-much-longer-topic-name", "1", "1")));

        assertEquals("""
                NAME                      PARTITIONS  REPLICAS
                orders                    12          3
                a-much-longer-topic-name  1           1
                """, table);
    }

    @Test
    void emptyTableStillHasItsHeader() {
        assertEquals("ID  HOST\n", Output.renderTable(List.of("ID", "HOST"), List.of()));
    }

    @Test
    void missingCellsAreShownAsADash() {
        String table = Output.renderTable(List.of("ID", "RACK"), List.of(Arrays.asList("1", null)));

        assertEquals("ID  RACK\n1   -\n", table);
    }

    @Test
    void rowOfTheWrongWidthIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Output.renderTable(List.of("A", "B"), List.of(List.of("only one"))));
    }

    @Test
    void pairsAreAlignedOnTheLongestLabel() {
        assertEquals("NAME        orders\nPARTITIONS  3\n",
                Output.renderPairs(List.of(List.of("NAME", "orders"), List.of("PARTITIONS", "3"))));
    }

    @Test
    void jsonIsOneCompactLinePerDocument() {
        StringWriter text = new StringWriter();
        Output output = new Output(new PrintWriter(text), Output.Format.JSON);

        output.json(List.of(new TopicListCommand.Listing("orders", 3, 1)));

        assertEquals("[{\"name\":\"orders\",\"partitions\":3,\"replicas\":1}]\n", text.toString());
    }

    @Test
    void sectionUnderlinesItsTitle() {
        StringWriter text = new StringWriter();
        new Output(new PrintWriter(text), Output.Format.TABLE).section("CONFIGS", "KEY  VALUE\n");

        assertEquals("CONFIGS\n=======\nKEY  VALUE\n\n", text.toString());
    }
}
