package io.kafkaha.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FastStartJvmTest {
    @Test
    void nodesGetKafkasDefaultsWithC1Only() {
        Map<String, String> env = new HashMap<>();

        FastStartJvm.apply(env, Map.of("PATH", "/usr/bin"));

        assertThat(env).containsOnlyKeys("KAFKA_JVM_PERFORMANCE_OPTS");
        assertThat(env.get("KAFKA_JVM_PERFORMANCE_OPTS")).contains("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20")
                .endsWith("-XX:TieredStopAtLevel=1");
    }

    @Test
    void theUsersOwnOptionsWin() {
        Map<String, String> env = new HashMap<>();

        FastStartJvm.apply(env, Map.of("KAFKA_JVM_PERFORMANCE_OPTS", "-XX:+UseZGC"));

        assertThat(env).containsEntry("KAFKA_JVM_PERFORMANCE_OPTS", "-XX:+UseZGC");
    }
}
