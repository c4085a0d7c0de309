package io.kafkaha.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecDiffTest {
    private static final NodeFingerprint RUNNING = new NodeFingerprint("4.3.1", "apache/kafka:4.3.1", "c1", "s1",
            "cpu=1", "");

    @Test
    void nothingChangedNeedsNoRestart() {
        assertThat(SpecDiff.restartReason(RUNNING, RUNNING)).isEmpty();
    }

    @Test
    void eachChangeHasItsReason() {
        assertThat(SpecDiff.restartReason(RUNNING, new NodeFingerprint("4.3.1", "apache/kafka:4.3.1", "c2", "s1",
                "cpu=1", ""))).contains(RestartReason.CONFIG);
        assertThat(SpecDiff.restartReason(RUNNING, new NodeFingerprint("4.3.1", "apache/kafka:4.3.1", "c1", "s2",
                "cpu=1", ""))).contains(RestartReason.START_SCRIPT);
        assertThat(SpecDiff.restartReason(RUNNING, new NodeFingerprint("4.3.1", "apache/kafka:4.3.1", "c1", "s1",
                "cpu=2", ""))).contains(RestartReason.RESOURCES);
        assertThat(SpecDiff.restartReason(RUNNING, new NodeFingerprint("4.3.1", "apache/kafka:4.3.1", "c1", "s1",
                "cpu=1", "2026-12-01T10:00:00Z"))).contains(RestartReason.REQUESTED);
        assertThat(SpecDiff.restartReason(RUNNING, new NodeFingerprint("4.3.1", "mirror/kafka:4.3.1", "c1", "s1",
                "cpu=1", ""))).contains(RestartReason.IMAGE);
    }

    @Test
    void theVersionIsNamedFirstWhenSeveralThingsChanged() {
        NodeFingerprint upgraded = new NodeFingerprint("4.4.0", "apache/kafka:4.4.0", "c2", "s2", "cpu=1", "");
        assertThat(SpecDiff.restartReason(RUNNING, upgraded)).contains(RestartReason.VERSION);
    }

    @Test
    void aPartNotKnownOnOneSideIsNoReason() {
        NodeFingerprint older = new NodeFingerprint(null, null, "c1", null, null, null);
        assertThat(SpecDiff.restartReason(older, RUNNING)).isEmpty();
    }
}
