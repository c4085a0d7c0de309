package io.kafkaha.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyRulesTest {
    @Test
    void resourcesWithTheSameVerbsShareARuleInCanonicalOrder() {
        List<PolicyRule> rules = PolicyRules.of(List.of(
                new ApiPermission("policy", "poddisruptionbudgets", "list"),
                new ApiPermission("", "services", "watch"),
                new ApiPermission("", "configmaps", "watch"),
                new ApiPermission("", "services", "list"),
                new ApiPermission("", "configmaps", "list"),
                new ApiPermission("", "events", "create")));

        assertThat(rules).containsExactly(
                rule("", List.of("configmaps", "services"), List.of("list", "watch")),
                rule("", List.of("events"), List.of("create")),
                rule("policy", List.of("poddisruptionbudgets"), List.of("list")));
    }

    @Test
    void allowingFollowsRbacWildcardsAndIgnoresRulesForNamedObjects() {
        ApiPermission patchStatus = new ApiPermission("kafkaha.io", "kafkaclusters/status", "patch");

        assertThat(PolicyRules.allow(List.of(rule("kafkaha.io", List.of("kafkaclusters/status"), List.of("patch"))),
                patchStatus)).isTrue();
        assertThat(PolicyRules.allow(List.of(rule("kafkaha.io", List.of("kafkaclusters"), List.of("patch"))),
                patchStatus)).isFalse();
        assertThat(PolicyRules.allow(List.of(rule("*", List.of("*"), List.of("*"))), patchStatus)).isTrue();
        PolicyRule named = new PolicyRuleBuilder(rule("kafkaha.io", List.of("kafkaclusters/status"), List.of("patch")))
                .withResourceNames("kafka").build();
        assertThat(PolicyRules.allow(List.of(named), patchStatus)).isFalse();
    }

    private static PolicyRule rule(String group, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
    }
}
