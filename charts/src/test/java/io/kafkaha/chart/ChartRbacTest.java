package io.kafkaha.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafkaha.operator.reconciler.OperatorPermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart grants the operator exactly what it uses — {@link OperatorPermissions}, which the operator module
 * proves against the operator's own requests — in every RBAC shape the chart renders, and nothing more.
 */
class ChartRbacTest {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Test
    void theRoleOfEachWatchedNamespaceGrantsExactlyWhatTheOperatorUses() {
        List<Role> roles = KafkaHaChart.render("kafka", "data", "operator: {watchNamespaces: [data, team-b]}")
                .all(Role.class);

        assertThat(roles).hasSize(2).allSatisfy(role -> assertThat(role.getRules())
                .as(howToFix()).isEqualTo(OperatorPermissions.rules()));
    }

    @Test
    void theClusterRoleGrantsExactlyTheSame() {
        ClusterRole role = KafkaHaChart.render("kafka", "data", "operator: {watchAllNamespaces: true}")
                .only(ClusterRole.class);

        assertThat(role.getRules()).as(howToFix()).isEqualTo(OperatorPermissions.rules());
    }

    @Test
    void theDefaultRoleIsTheSameAndNoWildcardNorDeleteBeyondPodsSlipsIn() {
        Role role = KafkaHaChart.render("kafka", "data", "").only(Role.class);

        assertThat(role.getRules()).as(howToFix()).isEqualTo(OperatorPermissions.rules());
        assertThat(role.getRules()).allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).doesNotContain("*");
            assertThat(rule.getVerbs()).doesNotContain("*");
            // The roll restarts pods by deleting them; nothing else is ever deleted (owned objects are GC'd).
            if (!rule.getResources().equals(java.util.List.of("pods"))) {
                assertThat(rule.getVerbs()).doesNotContain("delete");
            }
        });
        assertThat(role.getRules())
                .anySatisfy(rule -> grants(rule, "kafkaha.io", "kafkaclusters/status", "patch"))
                .anySatisfy(rule -> grants(rule, "apps", "statefulsets", "patch"))
                .anySatisfy(rule -> grants(rule, "", "events", "create"))
                .anySatisfy(rule -> grants(rule, "", "pods", "delete"));
    }

    private static void grants(PolicyRule rule, String group, String resource, String verb) {
        assertThat(rule.getApiGroups()).contains(group);
        assertThat(rule.getResources()).contains(resource);
        assertThat(rule.getVerbs()).contains(verb);
    }

    private static String howToFix() {
        return "kafka-ha.operatorRules in charts/kafka-ha/templates/_helpers.tpl must be OperatorPermissions.rules():\n"
                + YAML.asYaml(OperatorPermissions.rules());
    }
}
