package io.kafkaha.core.spec;

import io.kafkaha.core.render.OwnedConfigKeys;
import io.kafkaha.core.render.SafeDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a spec before anything is rendered or started, collecting every problem at once. Each message names the
 * field, what is wrong and what to do, because it ends up in front of the user verbatim.
 */
public final class SpecValidator {
    /** A DNS label short enough to leave room for {@code -controller-NN} and the headless service suffix. */
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,38}[a-z0-9])?");

    private SpecValidator() {
    }

    public static void validate(ClusterSpec spec) {
        List<String> problems = problems(spec);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }

    public static List<String> problems(ClusterSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            problems.add("name: '" + spec.name() + "' is not a valid cluster name; use 1-40 lower-case letters,"
                    + " digits and '-', starting with a letter (e.g. 'kafka')");
        }
        for (NodeRole role : NodeRole.values()) {
            RoleSpec roleSpec = spec.role(role);
            String field = role.label() + "s";
            if (roleSpec.replicas() < 1) {
                problems.add(field + ".replicas: " + roleSpec.replicas() + " is too few; a cluster needs at least 1 "
                        + role.label() + " (3 for high availability)");
            }
            roleSpec.config().keySet().forEach(key -> OwnedConfigKeys.reason(key).ifPresent(reason ->
                    problems.add(field + ".config: '" + key + "' cannot be overridden (" + reason + "); remove it")));
        }
        if (spec.brokers().replicas() >= 1) {
            checkReplication(spec.brokers(), problems);
        }
        return problems;
    }

    private static void checkReplication(RoleSpec brokers, List<String> problems) {
        Map<String, String> config = brokers.config();
        Integer rf = intSetting(config, "default.replication.factor", problems);
        Integer minIsr = intSetting(config, "min.insync.replicas", problems);
        int effectiveRf = rf != null ? rf : SafeDefaults.replicationFactor(brokers.replicas());
        if (rf != null && rf > brokers.replicas()) {
            problems.add("brokers.config: default.replication.factor=" + rf + " needs at least " + rf
                    + " brokers but brokers.replicas is " + brokers.replicas()
                    + "; add brokers or lower the replication factor");
        }
        if (minIsr != null && minIsr > effectiveRf) {
            problems.add("brokers.config: min.insync.replicas=" + minIsr + " exceeds the replication factor "
                    + effectiveRf + ", so every acks=all write would fail; set it to at most " + effectiveRf);
        }
    }

    private static Integer intSetting(Map<String, String> config, String key, List<String> problems) {
        String value = config.get(key);
        if (value == null) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("brokers.config: " + key + "='" + value + "' is not a positive whole number");
        return null;
    }
}
