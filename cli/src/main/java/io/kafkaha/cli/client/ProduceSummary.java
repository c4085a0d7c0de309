package io.kafkaha.cli.client;

/**
 * What became of the lines given to {@code kafka-ha produce}.
 *
 * @param acknowledged records Kafka acknowledged (with acks=all: stored by min.insync.replicas brokers)
 * @param failed       records whose send failed; they may or may not be stored
 * @param skipped      lines not sent because they lacked the key separator
 * @param firstError   the first send failure, described for the user, or null
 */
public record ProduceSummary(long acknowledged, long failed, long skipped, String firstError) {

    public boolean succeeded() {
        return failed == 0 && skipped == 0;
    }

    /** The one line printed when input ends, e.g. {@code produced 3 records to orders}. */
    public String describe(String topic, String keySeparator) {
        StringBuilder line = new StringBuilder("produced ").append(count(acknowledged, "record")).append(" to ")
                .append(topic);
        if (failed > 0) {
            line.append("; ").append(failed).append(" failed, first error: ").append(firstError);
        }
        if (skipped > 0) {
            line.append("; ").append(count(skipped, "line")).append(" without the key separator '")
                    .append(keySeparator).append("' not sent");
        }
        return line.toString();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
