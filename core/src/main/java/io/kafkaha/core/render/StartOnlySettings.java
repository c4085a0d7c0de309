package io.kafkaha.core.render;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Settings a node reads only when it starts or formats its storage, whose change therefore needs no restart: the
 * quorum's bootstrap servers (a running node learns the voters from the metadata log) and the initial
 * controllers (used once, at format). They change with the number of controllers, so they are left out of what
 * decides a restart (the operator's config hash, the local runtime's fingerprint): scaling the controllers must
 * not roll every node.
 */
public final class StartOnlySettings {
    /** {@code server.properties} keys. */
    public static final Set<String> CONFIG_KEYS = Set.of("controller.quorum.bootstrap.servers");
    /** Start script variables. */
    public static final Set<String> ENV = Set.of(StartScript.INITIAL_CONTROLLERS);

    private StartOnlySettings() {
    }

    /** A rendered {@code server.properties} without its start-only lines. */
    public static String withoutStartOnly(String properties) {
        return properties.lines().filter(line -> CONFIG_KEYS.stream().noneMatch(key -> line.startsWith(key + "=")))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** A node's environment without its start-only variables, sorted. */
    public static Map<String, String> withoutStartOnly(Map<String, String> env) {
        Map<String, String> kept = new TreeMap<>(env);
        kept.keySet().removeAll(ENV);
        return kept;
    }
}
