package io.kafkaha.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Picks where a cluster listens: base+0..2 (brokers' clients), base+100..102 (replication), base+200..202
 * (controllers) on 127.0.0.1. The benchmark's ports lie in Linux's ephemeral range (32768-60999), so any outgoing
 * connection on the machine may hold one of them for a while; a base whose ports are not all free is skipped for
 * the next one, 10 higher, and a retry after a failed start begins further up.
 */
final class PortBase {
    private static final int[] OFFSETS = {0, 1, 2, 100, 101, 102, 200, 201, 202};
    private static final int STEP = 10;
    private static final int TRIES = 10;

    private PortBase() {
    }

    static int firstFree(int base, int attempt) {
        for (int i = attempt - 1; i < attempt - 1 + TRIES; i++) {
            int candidate = base + STEP * i;
            if (allFree(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free ports around " + base + " (tried " + TRIES + " bases " + STEP
                + " apart, each needing +0..2, +100..102, +200..202 on 127.0.0.1)");
    }

    private static boolean allFree(int base) {
        for (int offset : OFFSETS) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", base + offset));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
