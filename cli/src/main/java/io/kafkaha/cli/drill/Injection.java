package io.kafkaha.cli.drill;

import java.util.List;

/**
 * What a fault did, once it has undone itself.
 *
 * @param what            one line: which nodes, what was done to them, for how long
 * @param repairedAtNanos {@link System#nanoTime()} when the repair began (nodes started again, resumed): the
 *                        time to recover is counted from here
 * @param violations      promises the fault's own checks saw broken (e.g. a write acknowledged while it should
 *                        have been refused); any fails the fault
 * @param notes           what those checks saw when they passed
 */
public record Injection(String what, long repairedAtNanos, List<String> violations, List<String> notes) {
    public Injection {
        violations = List.copyOf(violations);
        notes = List.copyOf(notes);
    }

    public static Injection of(String what, long repairedAtNanos) {
        return new Injection(what, repairedAtNanos, List.of(), List.of());
    }
}
