package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built {@code kafka-ha} jar as a user would, in its own JVM, with its own {@code KAFKA_HA_HOME} so
 * tests never see each other's (or the developer's) local clusters.
 */
public final class Cli {
    private static final Path JAR = Path.of(System.getProperty("kafkaha.jar", "target/kafka-ha.jar"));
    private static final String KAFKA_HOME = System.getProperty("kafkaha.kafka.home", "../kafka-home/target/kafka");

    private final Path home;
    private final List<String> jvmOptions;

    public Cli(Path home) {
        this(home, List.of());
    }

    private Cli(Path home, List<String> jvmOptions) {
        this.home = home;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** The same CLI with options for its JVM, e.g. {@code -Djdk.net.hosts.file=...}, which only JVM start reads. */
    public Cli withJvmOptions(String... options) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(List.of(options));
        return new Cli(home, all);
    }

    public record Result(int exitCode, String out, String err) {
        public Result assertOk() {
            assertThat(exitCode).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
            return this;
        }
    }

    public Result run(String... args) {
        return runWithInput(null, args);
    }

    public Result runWithInput(String stdin, String... args) {
        Running running = start(args);
        if (stdin != null) {
            running.write(stdin);
        }
        return running.await(300);
    }

    /** Starts the CLI without waiting: for long commands (verify) while the test does something else. */
    public Running start(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("KAFKA_HA_HOME", home.toString());
        builder.environment().put("KAFKA_HA_KAFKA_HOME", KAFKA_HOME);
        try {
            return new Running(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CLI process whose output is collected as it comes, so the test can watch it. */
    public static final class Running {
        private final Process process;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final Thread outPump;
        private final Thread errPump;

        Running(Process process) {
            this.process = process;
            this.outPump = pump(process.getInputStream(), out);
            this.errPump = pump(process.getErrorStream(), err);
        }

        /** Writes to the process's standard input and keeps it open, as a user typing. */
        public void type(String input) {
            try {
                OutputStream stdin = process.getOutputStream();
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes to the process's standard input, then closes it: input ends. */
        public void write(String input) {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public String errSoFar() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        public String outSoFar() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        public Result await(int timeoutSeconds) {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("kafka-ha did not finish within " + timeoutSeconds + "s; stdout:\n"
                            + outSoFar() + "\nstderr:\n" + errSoFar());
                }
                outPump.join();
                errPump.join();
                return new Result(process.exitValue(), outSoFar(), errSoFar());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        private static Thread pump(InputStream from, ByteArrayOutputStream to) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = from.read(buffer)) > 0; ) {
                        synchronized (to) {
                            to.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            thread.setDaemon(true);
            thread.start();
            return thread;
        }
    }
}
