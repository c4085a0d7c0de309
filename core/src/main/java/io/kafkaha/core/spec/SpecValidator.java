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
    /**
     * What Kafka's setting names are made of. Anything else in a key ('=', ':', whitespace, a line break) would be
     * read by java.util.Properties as a separator or a new line of server.properties.
     */
    private static final Pattern CONFIG_KEY = Pattern.compile("[A-Za-z0-9._-]+");

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
            checkConfigText(field + ".config", roleSpec.config(), problems);
        }
        if (spec.brokers().replicas() >= 1) {
            checkReplication(spec.brokers(), problems);
        }
        return problems;
    }

    /**
     * Settings that work but risk data or availability, each as {@code field: what it risks}, in the style of
     * {@link #problems}: unclean leader election, new topics with a single replica, an even number of controllers.
     * Only meaningful for a spec without {@link #problems}.
     */
    public static List<String> warnings(ClusterSpec spec) {
        List<String> warnings = new ArrayList<>();
        for (NodeRole role : NodeRole.values()) {
            // In KRaft the controllers elect partition leaders; the brokers' value reaches them too.
            String unclean = spec.role(role).config().get("unclean.leader.election.enable");
            if (unclean != null && unclean.trim().equalsIgnoreCase("true")) {
                warnings.add(role.label() + "s.config: unclean.leader.election.enable=true lets a replica that"
                        + " missed acknowledged writes become leader, trading those writes for availability");
            }
        }
        boolean rfSet = false;
        for (NodeRole role : NodeRole.values()) {
            // The controllers stamp it on new topics: theirs wins over the brokers' (ConfigRenderer).
            String rf = spec.role(role).config().get("default.replication.factor");
            rfSet |= rf != null;
            if (rf != null && rf.trim().equals("1")) {
                warnings.add(role.label() + "s.config: default.replication.factor=1 keeps a single copy of each new"
                        + " topic's data, lost or unavailable with its broker");
            }
        }
        if (!rfSet && SafeDefaults.replicationFactor(spec.brokers().replicas()) == 1) {
            warnings.add("brokers.replicas: with 1 broker new topics get a single replica, lost or unavailable"
                    + " with it; 3 brokers give 3 copies");
        }
        int controllers = spec.controllers().replicas();
        if (controllers >= 2 && controllers % 2 == 0) {
            int tolerated = (controllers - 1) / 2;
            warnings.add("controllers.replicas: " + controllers + " controllers tolerate the loss of "
                    + (tolerated == 0 ? "none" : "only " + tolerated) + ", like " + (controllers - 1)
                    + " (the quorum needs a majority, " + (controllers / 2 + 1) + " of " + controllers + ")");
        }
        return warnings;
    }

    /** Keys and values go into server.properties line by line: none may add a line or split a key. */
    private static void checkConfigText(String field, Map<String, String> config, List<String> problems) {
        config.forEach((key, value) -> {
            if (!CONFIG_KEY.matcher(key).matches()) {
                problems.add(field + ": '" + visible(key) + "' is not a Kafka setting name; names are letters,"
                        + " digits, '.', '-' and '_', e.g. 'num.partitions'; correct it or remove it");
            } else if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                problems.add(field + ": the value of '" + key + "' contains a line break, which Kafka's"
                        + " server.properties cannot hold; write it on one line");
            }
        });
    }

    /** Line breaks and tabs spelled out, so a message stays one line. */
    private static String visible(String text) {
        return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
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
