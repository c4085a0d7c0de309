package io.kafkaha.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * A broker scaling that moves partitions, kept in the status for what Kafka cannot say: that a scale-up still has
 * partitions to spread, how many moves there were in all, and since when none finished. What is moving and what
 * is left is never stored: Kafka's placement and ongoing reassignments say it each time.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BrokerScalingStatus {
    /** Partitions are spread over the brokers after a scale-up. */
    public static final String SPREADING = "Spreading";
    /** Partitions are moved off the brokers a scale-down removes. */
    public static final String EMPTYING = "Emptying";

    @JsonPropertyDescription("Spreading (partitions spread onto added brokers) or Emptying (partitions moved off"
            + " the brokers being removed).")
    private String phase;

    @JsonPropertyDescription("How many partition moves this scaling makes in all, counted when it started.")
    private Integer partitions;

    @JsonPropertyDescription("Partition moves not finished yet (moving now or still to submit).")
    private Integer remaining;

    @JsonPropertyDescription("When a partition move last finished, or the scaling started (RFC 3339).")
    private String lastProgressTime;

    public BrokerScalingStatus() {
    }

    public BrokerScalingStatus(String phase, Integer partitions, Integer remaining, String lastProgressTime) {
        this.phase = phase;
        this.partitions = partitions;
        this.remaining = remaining;
        this.lastProgressTime = lastProgressTime;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public Integer getPartitions() {
        return partitions;
    }

    public void setPartitions(Integer partitions) {
        this.partitions = partitions;
    }

    public Integer getRemaining() {
        return remaining;
    }

    public void setRemaining(Integer remaining) {
        this.remaining = remaining;
    }

    public String getLastProgressTime() {
        return lastProgressTime;
    }

    public void setLastProgressTime(String lastProgressTime) {
        this.lastProgressTime = lastProgressTime;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BrokerScalingStatus that && Objects.equals(phase, that.phase)
                && Objects.equals(partitions, that.partitions) && Objects.equals(remaining, that.remaining)
                && Objects.equals(lastProgressTime, that.lastProgressTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, partitions, remaining, lastProgressTime);
    }

    @Override
    public String toString() {
        return phase + " " + remaining + "/" + partitions + " since " + lastProgressTime;
    }
}
