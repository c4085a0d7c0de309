package io.kafkaha.cli.client;

/**
 * Runs an action when the JVM is told to stop (Ctrl-C, SIGTERM) while a command is still running, so the
 * command can end its Kafka client cleanly; closing it means the command ended by itself and the action is
 * no longer needed.
 */
public final class OnShutdown implements AutoCloseable {
    private final Thread hook;

    private OnShutdown(Thread hook) {
        this.hook = hook;
    }

    public static OnShutdown run(String name, Runnable action) {
        Thread hook = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return new OnShutdown(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownUnderway) {
            // The hook is running or has run; nothing to undo.
        }
    }
}
