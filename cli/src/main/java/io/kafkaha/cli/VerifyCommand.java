package io.kafkaha.cli;

import io.kafkaha.cli.client.VerifyTopic;
import io.kafkaha.core.verify.VerificationReport;
import io.kafkaha.core.verify.VerificationRun;
import io.kafkaha.core.verify.Verifier;
import io.kafkaha.core.verify.VerifierException;
import io.kafkaha.core.verify.VerifierSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kafka-ha verify}: produces and consumes concurrently and reports whether the cluster lost, duplicated or
 * reordered any acknowledged record. Kill a broker while it runs to prove the cluster is highly available.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Prove the cluster keeps every acknowledged record: produce (acks=all, idempotent) at a steady rate "
                    + "while consuming, then report lost, duplicated and reordered records, failed sends, the "
                    + "longest stall and send latencies.",
            "Kill a broker while it runs to see what a failover costs. Exit code 0 if nothing was lost, "
                    + "duplicated or reordered (with --strict: and every send was acknowledged), 1 otherwise."
        })
public class VerifyCommand implements Callable<Integer> {
    static final int PARTITIONS = 6;
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Mixin
    BootstrapOption bootstrap;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to produce (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "200",
            description = "Records per second to produce (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = VerifierSettings.DEFAULT_TOPIC,
            description = "Topic to use; created with " + PARTITIONS + " partitions and replication factor "
                    + "min(3, brokers) if missing (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "After producing, how long to wait for the consumer to see every acknowledged record "
                    + "(default: ${DEFAULT-VALUE}).")
    long drainTimeoutSeconds;

    @Option(names = "--strict",
            description = "Also fail if any send failed or none was acknowledged: for a cluster that should be "
                    + "healthy throughout (the chart's helm test), not for a failover test.")
    boolean strict;

    @Override
    public Integer call() throws InterruptedException {
        VerifierSettings settings = settings(bootstrap.resolve());
        PrintWriter err = spec.commandLine().getErr();
        new VerifyTopic(settings.bootstrapServers(), settings.topic(), PARTITIONS).prepare(err, "verify");
        err.printf("verify: producing %d records/s to '%s' on %s for %ds%n", settings.ratePerSecond(),
                settings.topic(), settings.bootstrapServers(), durationSeconds);
        err.flush();
        VerificationReport report = runAndReportProgress(settings, err);
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.render(strict));
        out.flush();
        return (strict ? report.passedStrictly() : report.passed()) ? 0 : 1;
    }

    private VerifierSettings settings(String servers) {
        if (durationSeconds <= 0) {
            throw new UserError("--duration must be a positive number of seconds, got " + durationSeconds
                    + "; e.g. --duration 30");
        }
        if (rate <= 0) {
            throw new UserError("--rate must be a positive number of records per second, got " + rate
                    + "; e.g. --rate 200");
        }
        if (drainTimeoutSeconds < 0) {
            throw new UserError("--drain-timeout must be zero or more seconds, got " + drainTimeoutSeconds
                    + "; e.g. --drain-timeout 60");
        }
        if (topic == null || topic.isBlank()) {
            throw new UserError("--topic must name a topic, e.g. --topic " + VerifierSettings.DEFAULT_TOPIC);
        }
        return new VerifierSettings(servers, topic.trim(), Duration.ofSeconds(durationSeconds), rate,
                Duration.ofSeconds(drainTimeoutSeconds));
    }

    private VerificationReport runAndReportProgress(VerifierSettings settings, PrintWriter err)
            throws InterruptedException {
        long started = System.nanoTime();
        try (VerificationRun run = Verifier.start(settings)) {
            Optional<VerificationReport> report;
            while ((report = run.awaitReport(PROGRESS_INTERVAL)).isEmpty()) {
                long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
                err.printf("verify: %3ds %s acknowledged %d, consumed %d, failed %d%n", elapsed,
                        elapsed < durationSeconds ? "producing" : "draining ", run.acknowledged(), run.consumed(),
                        run.failedSends());
                err.flush();
            }
            return report.get();
        } catch (VerifierException failed) {
            throw new UserError("the verification could not run against " + settings.bootstrapServers() + ": "
                    + failed.getMessage() + "; is the cluster running? see 'kafka-ha local status'", failed);
        }
    }
}
