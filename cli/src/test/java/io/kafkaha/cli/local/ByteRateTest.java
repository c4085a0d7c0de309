package io.kafkaha.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ByteRateTest {
    private final ByteRate rate = new ByteRate();

    @Test
    void readsPlainAndSuffixedRates() {
        assertThat(rate.convert("52428800")).isEqualTo(52_428_800L);
        assertThat(rate.convert("50M")).isEqualTo(52_428_800L);
        assertThat(rate.convert("50MiB/s")).isEqualTo(52_428_800L);
        assertThat(rate.convert("512k")).isEqualTo(524_288L);
        assertThat(rate.convert("1G")).isEqualTo(1_073_741_824L);
    }

    @Test
    void refusesWhatIsNotARate() {
        for (String bad : new String[] {"fast", "0", "-5M", "5T", ""}) {
            assertThatThrownBy(() -> rate.convert(bad)).as(bad)
                    .isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("is not a rate; give bytes per second, e.g. 52428800, 50M (MiB/s)");
        }
    }
}
