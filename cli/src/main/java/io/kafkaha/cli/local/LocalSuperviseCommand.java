package io.kafkaha.cli.local;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code local supervise}: the {@link LocalSupervisor} process itself; hidden, as {@code local up} starts it. */
@Command(name = "supervise", hidden = true,
        description = "Watch the cluster's brokers and unregister one the moment its process dies (fast fencing).")
public class LocalSuperviseCommand implements Callable<Integer> {
    @Mixin
    ExistingClusterSelection selection;

    @Override
    public Integer call() throws InterruptedException {
        String why = new LocalSupervisor(selection.open(), System.out).run();
        System.out.println(java.time.Instant.now() + " supervisor ends: " + why);
        return 0;
    }
}
