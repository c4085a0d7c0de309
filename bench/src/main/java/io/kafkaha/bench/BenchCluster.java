package io.kafkaha.bench;

/**
 * A 3-controller + 3-broker cluster a benchmark starts from nothing and throws away. {@link #close()} stops every
 * process the cluster started and deletes its data, whatever state {@link #start()} left it in; it may be called
 * more than once and from a shutdown hook.
 */
interface BenchCluster extends AutoCloseable {
    int BROKERS = 3;
    int CONTROLLERS = 3;

    /** What the reports call it. */
    Variant variant();

    /** Starts the cluster from empty directories; returns how long it took until it was healthy. */
    Startup start() throws Exception;

    String bootstrapServers();

    @Override
    void close();
}
