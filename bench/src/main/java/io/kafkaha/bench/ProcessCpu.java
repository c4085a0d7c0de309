package io.kafkaha.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.OptionalDouble;

/**
 * CPU time from {@code /proc/<pid>/stat} (Linux): user + system time of a process plus that of the children it
 * has waited for. A node's shell waits for {@code kafka-storage.sh format} and then execs Kafka in the same
 * process, so one number covers a node's whole start. Elsewhere every figure is absent.
 */
final class ProcessCpu {
    /** USER_HZ, the unit of /proc's times; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** Own and waited-for children's CPU seconds of each process, summed; absent if one cannot be read. */
    static OptionalDouble total(Collection<Long> pids) {
        double sum = 0;
        for (long pid : pids) {
            OptionalDouble seconds = read(String.valueOf(pid), true);
            if (seconds.isEmpty()) {
                return OptionalDouble.empty();
            }
            sum += seconds.getAsDouble();
        }
        return OptionalDouble.of(sum);
    }

    /** CPU seconds of the children this JVM has waited for (reaped), e.g. a finished {@code kafka-ha} command. */
    static OptionalDouble reapedChildrenOfSelf() {
        return read("self", false);
    }

    private static OptionalDouble read(String pid, boolean own) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // the command name (field 2) may hold spaces; the fields after it start behind the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields[0] is field 3 (state): utime, stime, cutime, cstime are fields 14..17
            long children = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            long self = own ? Long.parseLong(fields[11]) + Long.parseLong(fields[12]) : 0;
            return OptionalDouble.of((self + children) / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }
}
