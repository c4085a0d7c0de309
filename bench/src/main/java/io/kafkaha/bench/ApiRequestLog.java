package io.kafkaha.bench;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/** Every request the mock API server received, in order, with when it arrived and which client sent it. */
final class ApiRequestLog {
    /** One request: method, path with query, User-Agent, System.nanoTime() of arrival. */
    record Request(String method, String path, String userAgent, long nanos) {
        boolean isWrite() {
            return switch (method) {
                case "POST", "PUT", "PATCH", "DELETE" -> true;
                default -> false;
            };
        }

        boolean isWatch() {
            return path.contains("watch=true");
        }
    }

    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();

    void add(Request request) {
        requests.add(request);
    }

    /** Requests from clients other than {@code excludedAgent} that arrived in [from, to) (System.nanoTime()). */
    List<Request> between(long from, long to, String excludedAgent) {
        Predicate<Request> inWindow = r -> r.nanos() >= from && r.nanos() < to;
        return requests.stream().filter(inWindow).filter(r -> !excludedAgent.equals(r.userAgent())).toList();
    }
}
