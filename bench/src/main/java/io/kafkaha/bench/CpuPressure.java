package io.kafkaha.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Busy-loop threads that keep {@code threads} cores busy while they run, like {@code stress --cpu N}: the soak's
 * stand-in for a noisy neighbour, so that Kafka's heartbeats compete for the CPU.
 */
final class CpuPressure implements AutoCloseable {
    private final List<Thread> burners = new ArrayList<>();
    private volatile boolean running = true;
    /** Written so the JIT cannot drop the loop as dead code. */
    private volatile long sink;

    CpuPressure(int threads) {
        for (int i = 0; i < threads; i++) {
            Thread burner = new Thread(this::burn, "cpu-pressure-" + i);
            burner.setDaemon(true);
            burners.add(burner);
            burner.start();
        }
    }

    private void burn() {
        long x = 1;
        while (running) {
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread burner : burners) {
            burner.join(5_000);
        }
    }
}
