package io.kafkaha.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.core.spec.RoleSpec;
import org.junit.jupiter.api.Test;

/** Changing the number of controllers changes no setting that decides a restart. */
class StartOnlySettingsTest {
    private static final String ID = "q1Sh-9_ISia_zwGINzRvyQ";

    @Test
    void theControllerCountOnlyChangesStartOnlySettings() {
        RenderedCluster three = ClusterRenderer.render(spec(3), LocalAddressing.loopback(9092), ID, 3);
        RenderedCluster five = ClusterRenderer.render(spec(5), LocalAddressing.loopback(9092), ID, 3);
        for (NodeRole role : NodeRole.values()) {
            assertThat(five.configFile(role)).isNotEqualTo(three.configFile(role));
            assertThat(StartOnlySettings.withoutStartOnly(five.configFile(role)))
                    .isEqualTo(StartOnlySettings.withoutStartOnly(three.configFile(role)))
                    .doesNotContain("controller.quorum.bootstrap.servers").contains("process.roles=");
            assertThat(StartOnlySettings.withoutStartOnly(five.nodes(role).get(0).env()))
                    .isEqualTo(StartOnlySettings.withoutStartOnly(three.nodes(role).get(0).env()));
        }
    }

    private static ClusterSpec spec(int controllers) {
        return new ClusterSpec("kafka", RoleSpec.of(controllers), RoleSpec.of(3));
    }
}
