package io.kafkaha.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaReleasesTest {

    @Test
    void eachReleaseRunsItsLatestMetadataVersion() {
        assertThat(KafkaReleases.metadataLevel("4.3.1")).contains((short) 30);
        assertThat(KafkaReleases.metadataName(30)).isEqualTo("4.3-IV0");
        assertThat(KafkaReleases.metadataLevel("4.4.0")).contains((short) 33);
        assertThat(KafkaReleases.metadataName(33)).isEqualTo("4.4-IV2");
        assertThat(KafkaReleases.levelOf("4.4-IV2")).contains((short) 33);
    }

    @Test
    void unknownReleasesHaveNone() {
        assertThat(KafkaReleases.metadataLevel("9.9.9")).isEmpty();
        assertThat(KafkaReleases.metadataLevel("latest")).isEmpty();
        assertThat(KafkaReleases.levelOf("nonsense")).isEmpty();
        assertThat(KafkaReleases.levelOf(null)).isEmpty();
        assertThat(KafkaReleases.isPublished("4.4.0")).isTrue();
        assertThat(KafkaReleases.isPublished("4.4.7")).isFalse();
    }
}
