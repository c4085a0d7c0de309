package io.kafkaha.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafkaha.operator.reconciler.OperatorPermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

        assertThat(roles).hasSize(2).allSatisfy(role -> assertThat(grants(role.getRules()))
                .as(howToFix()).isEqualTo(grants(OperatorPermissions.rules())));
    }

    @Test
    void theClusterRoleGrantsExactlyTheSame() {
        ClusterRole role = KafkaHaChart.render("kafka", "data", "operator: {watchAllNamespaces: true}")
                .only(ClusterRole.class);

        assertThat(grants(role.getRules())).as(howToFix()).isEqualTo(grants(OperatorPermissions.rules()));
    }

    @Test
    void theDefaultRoleIsTheSameAndNoWildcardOrDeleteSlipsIn() {
        Role role = KafkaHaChart.render("kafka", "data", "").only(Role.class);

        assertThat(grants(role.getRules())).isEqualTo(grants(OperatorPermissions.rules()));
        assertThat(grants(role.getRules())).noneMatch(grant -> grant.contains("*") || grant.endsWith(" delete"))
                .contains("kafkaha.io kafkaclusters/status patch", "apps statefulsets patch", " events create");
    }

    /** Every (group, resource, verb) the rules grant, as "group resource verb" lines. */
    private static Set<String> grants(List<PolicyRule> rules) {
        Set<String> grants = new TreeSet<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        grants.add(group + " " + resource + " " + verb);
                    }
                }
            }
        }
        return grants;
    }

    private static String howToFix() {
        return "kafka-ha.operatorRules in charts/kafka-ha/templates/_helpers.tpl must be OperatorPermissions.rules():\n"
                + YAML.asYaml(OperatorPermissions.rules());
    }
}
