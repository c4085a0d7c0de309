package io.kafkaha.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsColumnsToTheWidestCellAndTrimsTrailingBlanks() {
        TextTable table = new TextTable("  ", "ID", "ADDRESS", "NOTE").row(3, "127.0.0.1:39092", "")
                .row(10, "h:1", "slow");

        assertThat(table.lines()).containsExactly(
                "  ID  ADDRESS          NOTE",
                "  3   127.0.0.1:39092",
                "  10  h:1              slow");
    }
}
