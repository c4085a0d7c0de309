package io.kafkaha.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times each node's own restart the same way on both sides of the roll benchmark: from the moment its stop is
 * begun ({@link #stopping}) until its port accepts TCP connections again, after having been seen closed. One
 * thread polls the ports of the nodes being restarted every 50 ms.
 */
final class RestartClock implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final String HOST = "127.0.0.1";

    private final Map<String, Integer> ports;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Duration> measured = new ConcurrentHashMap<>();
    private final Thread poller = new Thread(this::poll, "bench-restart-clock");
    private volatile boolean closed;

    /** @param ports node name → the port that shows it up (client port of a broker, listener of a controller) */
    RestartClock(Map<String, Integer> ports) {
        this.ports = Map.copyOf(ports);
        poller.setDaemon(true);
        poller.start();
    }

    /** The stop of {@code node} begins now. */
    void stopping(String node) {
        pending.put(node, new Pending(System.nanoTime()));
    }

    /** Whether {@code node}'s port accepts a TCP connection now. */
    boolean accepts(String node) {
        return accepts(ports.get(node));
    }

    /** The restarts finished so far, node → stop-begun to port-accepting, in node-name order. */
    Map<String, Duration> restarts() {
        Map<String, Duration> sorted = new LinkedHashMap<>();
        measured.keySet().stream().sorted().forEach(node -> sorted.put(node, measured.get(node)));
        return sorted;
    }

    /** Nodes whose stop was begun but whose port was not seen closing and accepting again yet. */
    java.util.Set<String> unfinished() {
        return java.util.Set.copyOf(pending.keySet());
    }

    private void poll() {
        while (!closed) {
            for (Map.Entry<String, Pending> entry : pending.entrySet()) {
                Pending restart = entry.getValue();
                boolean up = accepts(ports.get(entry.getKey()));
                if (!up) {
                    restart.seenDown = true;
                } else if (restart.seenDown) {
                    measured.put(entry.getKey(), Duration.ofNanos(System.nanoTime() - restart.stopBegun));
                    pending.remove(entry.getKey());
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }

    private static final class Pending {
        final long stopBegun;
        volatile boolean seenDown;

        Pending(long stopBegun) {
            this.stopBegun = stopBegun;
        }
    }
}
