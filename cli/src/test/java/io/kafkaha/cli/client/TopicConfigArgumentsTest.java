package io.kafkaha.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaha.cli.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicConfigArgumentsTest {

    @Test
    void splitsEachEntryAtItsFirstEqualsSign() {
        assertThat(TopicConfigArguments.parse(List.of("retention.ms=86400000", "cleanup.policy=compact",
                "message.timestamp.type= CreateTime ", "x=a=b", "empty=")))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("retention.ms", "86400000"),
                        org.assertj.core.api.Assertions.entry("cleanup.policy", "compact"),
                        org.assertj.core.api.Assertions.entry("message.timestamp.type", "CreateTime"),
                        org.assertj.core.api.Assertions.entry("x", "a=b"),
                        org.assertj.core.api.Assertions.entry("empty", ""));
    }

    @Test
    void noEntriesMeanNoConfigs() {
        assertThat(TopicConfigArguments.parse(null)).isEmpty();
        assertThat(TopicConfigArguments.parse(List.of())).isEmpty();
    }

    @Test
    void anEntryWithoutEqualsSignIsRefusedWithTheFormToUse() {
        assertThatThrownBy(() -> TopicConfigArguments.parse(List.of("a=1", "retention.ms")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("--config 'retention.ms' has no '='")
                .hasMessageContaining("KEY=VALUE");
    }

    @Test
    void anEntryWithoutKeyIsRefused() {
        assertThatThrownBy(() -> TopicConfigArguments.parse(List.of("=3")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no key before '='");
    }

    @Test
    void aKeyGivenTwiceIsRefusedRatherThanSilentlyOverwritten() {
        assertThatThrownBy(() -> TopicConfigArguments.parse(List.of("retention.ms=1", "retention.ms=2")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("retention.ms is given twice ('1' and '2')");
    }
}
