package io.kafkaha.cli.drill;

import io.kafkaha.cli.UserError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The faults a drill knows, in the order a full drill runs them, and the parsing of {@code --faults}. */
public final class FaultCatalog {
    private static final List<Fault> ALL = List.of(new BrokerKill(), new BrokerPause(), new BrokerIsolate(),
            new ControllerKill(), new TwoBrokersDown(), new ClusterKill());

    private FaultCatalog() {
    }

    public static List<Fault> all() {
        return ALL;
    }

    public static String names() {
        return ALL.stream().map(Fault::name).collect(Collectors.joining(","));
    }

    /** {@code a,b,c} into faults, in the order given, each once; a clear error for a name it does not know. */
    public static List<Fault> parse(String list) {
        if (list == null || list.isBlank()) {
            throw new UserError("--faults needs at least one fault, e.g. --faults broker-kill; all: " + names());
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Fault> faults = new ArrayList<>();
        for (String raw : list.split(",")) {
            String name = raw.trim();
            if (name.isEmpty() || !seen.add(name)) {
                continue;
            }
            faults.add(find(name).orElseThrow(() -> new UserError("unknown fault '" + name + "' in --faults; choose"
                    + " from " + names() + " (comma-separated)")));
        }
        if (faults.isEmpty()) {
            throw new UserError("--faults needs at least one fault, e.g. --faults broker-kill; all: " + names());
        }
        return faults;
    }

    private static Optional<Fault> find(String name) {
        return ALL.stream().filter(fault -> fault.name().equals(name)).findFirst();
    }
}
