package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Permissions written as RBAC rules in one canonical order, and what a list of rules allows. */
final class PolicyRules {
    private static final String ANY = "*";

    private PolicyRules() {
    }

    /**
     * One rule per API group and set of resources with the same verbs: groups sorted ({@code ""} first), within a
     * group by first resource, resources sorted, verbs in {@link ApiPermission#VERB_ORDER}.
     */
    static List<PolicyRule> of(Collection<ApiPermission> permissions) {
        Map<String, Map<String, Set<String>>> verbsByGroupAndResource = new TreeMap<>();
        for (ApiPermission permission : permissions) {
            verbsByGroupAndResource.computeIfAbsent(permission.group(), group -> new TreeMap<>())
                    .computeIfAbsent(permission.resource(), resource -> new TreeSet<>(ApiPermission.VERB_ORDER))
                    .add(permission.verb());
        }
        List<PolicyRule> rules = new ArrayList<>();
        verbsByGroupAndResource.forEach((group, verbsByResource) -> {
            Map<Set<String>, List<String>> resourcesByVerbs = new LinkedHashMap<>();
            verbsByResource.forEach((resource, verbs) ->
                    resourcesByVerbs.computeIfAbsent(verbs, same -> new ArrayList<>()).add(resource));
            resourcesByVerbs.forEach((verbs, resources) -> rules.add(new PolicyRuleBuilder()
                    .withApiGroups(group)
                    .withResources(resources)
                    .withVerbs(List.copyOf(verbs))
                    .build()));
        });
        return List.copyOf(rules);
    }

    /**
     * Whether some rule grants the permission, as Kubernetes' RBAC authorizer decides: {@code *} matches any group,
     * resource or verb; a rule restricted to named objects is not counted, as the permission names none.
     */
    static boolean allow(List<PolicyRule> rules, ApiPermission permission) {
        return rules.stream().anyMatch(rule -> rule.getResourceNames().isEmpty()
                && matches(rule.getApiGroups(), permission.group())
                && matches(rule.getResources(), permission.resource())
                && matches(rule.getVerbs(), permission.verb()));
    }

    private static boolean matches(List<String> granted, String wanted) {
        return granted.contains(wanted) || granted.contains(ANY);
    }
}
