package io.kafkaha.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.render.PodEnvironment;
import io.kafkaha.core.render.StartScript;
import io.kafkaha.core.spec.NodeRole;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pods' environment, as Kubernetes expands it, gives start-kafka.sh everything it reads. */
class StartScriptEnvironmentTest {
    /**
     * Any mention outside comments: {@code $KAFKA_HA_X}, {@code ${KAFKA_HA_X:-...}}, and bare names in arithmetic
     * such as {@code $((KAFKA_HA_NODE_ID_OFFSET + ordinal))}; the same for KAFKA_HOME.
     */
    private static final Pattern SCRIPT_VARIABLE = Pattern.compile("\\b(KAFKA_HA_[A-Z_]+|KAFKA_HOME)\\b");
    /** Kubernetes' dependent-variable syntax in env values. */
    private static final Pattern KUBERNETES_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final DesiredCluster cluster = Clusters.desiredSeed();

    @Test
    void everyPodsExpandedEnvironmentHasEveryVariableTheScriptReads() {
        Set<String> read = variablesReadByTheScript();
        assertThat(read).contains(StartScript.NODE_NAME, StartScript.ROLE, StartScript.NODE_ID_OFFSET,
                StartScript.CLUSTER_ID, StartScript.INITIAL_CONTROLLERS, StartScript.ADVERTISED_HOST,
                StartScript.CONFIG_DIR, StartScript.WORK_DIR, StartScript.DATA_DIR, StartScript.KAFKA_HOME);
        for (NodeRole role : NodeRole.values()) {
            Map<String, String> roleEnv = PodEnvironment.forRole(cluster.rendered(), role, cluster.addressing());
            roleEnv.putAll(PodLayout.runtimeEnv());
            for (NodePlan node : cluster.rendered().nodes(role)) {
                Map<String, String> podEnv = PodEnvironment.expandFor(roleEnv, node.name());
                Set<String> missing = new TreeSet<>(read);
                missing.removeAll(podEnv.keySet());
                // Each role only needs its own listeners' ports.
                missing.removeIf(name -> name.endsWith("_PORT") && !node.env().containsKey(name)
                        && !portNeeded(role, name));
                assertThat(missing).as(node.name()).isEmpty();
                assertThat(podEnv).as(node.name()).containsAllEntriesOf(node.env());
                assertThat(podEnv.values()).as(node.name()).noneMatch(value -> value.contains("$("));
            }
        }
    }

    @Test
    void theStatefulSetsEnvExpandsToEachPodsPlannedEnvironment() {
        for (NodeRole role : NodeRole.values()) {
            List<EnvVar> env = NodeStatefulSet.desired(cluster, role).getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getEnv();
            for (NodePlan node : cluster.rendered().nodes(role)) {
                Map<String, String> expanded = expandAsKubernetes(env, node.name());
                assertThat(expanded).as(node.name()).containsAllEntriesOf(node.env())
                        .containsAllEntriesOf(PodLayout.runtimeEnv());
                assertThat(expanded.get(StartScript.ADVERTISED_HOST))
                        .isEqualTo(node.name() + ".kafka-" + role.label() + "s.prod.svc");
            }
        }
    }

    /** Kubernetes expands {@code $(VAR)} only for variables declared earlier in the list; others stay verbatim. */
    private static Map<String, String> expandAsKubernetes(List<EnvVar> env, String podName) {
        Map<String, String> expanded = new LinkedHashMap<>();
        for (EnvVar var : env) {
            if (var.getValueFrom() != null) {
                assertThat(var.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
                expanded.put(var.getName(), podName);
                continue;
            }
            Matcher matcher = KUBERNETES_REFERENCE.matcher(var.getValue());
            StringBuilder value = new StringBuilder();
            while (matcher.find()) {
                assertThat(expanded).as("%s refers to %s, declared before it", var.getName(), matcher.group(1))
                        .containsKey(matcher.group(1));
                matcher.appendReplacement(value, Matcher.quoteReplacement(expanded.get(matcher.group(1))));
            }
            matcher.appendTail(value);
            expanded.put(var.getName(), value.toString());
        }
        return expanded;
    }

    private static boolean portNeeded(NodeRole role, String variable) {
        return role == NodeRole.BROKER
                ? variable.equals(StartScript.CLIENT_PORT) || variable.equals(StartScript.REPLICATION_PORT)
                : variable.equals(StartScript.CONTROLLER_PORT);
    }

    private static Set<String> variablesReadByTheScript() {
        Set<String> names = new HashSet<>();
        for (String line : StartScript.text().lines().toList()) {
            if (line.startsWith("#")) {
                continue; // the header documents variables; what matters is what the code reads
            }
            Matcher matcher = SCRIPT_VARIABLE.matcher(line);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
