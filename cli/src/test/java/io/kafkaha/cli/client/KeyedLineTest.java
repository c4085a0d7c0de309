package io.kafkaha.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyedLineTest {

    @Test
    void splitsAtTheFirstSeparatorSoValuesMayContainIt() {
        assertThat(KeyedLine.split("user-1:{\"a\":1}", ":")).contains(new KeyedLine("user-1", "{\"a\":1}"));
    }

    @Test
    void separatorsMayBeLongerThanOneCharacter() {
        assertThat(KeyedLine.split("k => v => w", " => ")).contains(new KeyedLine("k", "v => w"));
    }

    @Test
    void emptyKeyAndEmptyValueAreKept() {
        assertThat(KeyedLine.split(":value", ":")).contains(new KeyedLine("", "value"));
        assertThat(KeyedLine.split("key:", ":")).contains(new KeyedLine("key", ""));
    }

    @Test
    void aLineWithoutTheSeparatorHasNoSplit() {
        assertThat(KeyedLine.split("no separator here", ":")).isEmpty();
    }

    @Test
    void unkeyedLinesAreWholeValues() {
        assertThat(KeyedLine.unkeyed("a:b")).isEqualTo(new KeyedLine(null, "a:b"));
    }
}
