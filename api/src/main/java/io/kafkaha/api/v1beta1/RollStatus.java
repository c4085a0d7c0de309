package io.kafkaha.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * A rolling restart in progress, kept in the status so an operator restarted mid-roll knows since when it has
 * waited. Which pods are outdated is never stored: their revisions say it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RollStatus {
    @JsonPropertyDescription("When the roll last made progress: it started, or a pod was restarted (RFC 3339).")
    private String lastProgressTime;

    @JsonPropertyDescription("The pod restarted last, and why, e.g. \"kafka-broker-1 (config changed)\".")
    private String lastRestart;

    @JsonPropertyDescription("How many pods this roll restarts in all, counted when it started.")
    private Integer pods;

    public RollStatus() {
    }

    public RollStatus(String lastProgressTime, String lastRestart, Integer pods) {
        this.lastProgressTime = lastProgressTime;
        this.lastRestart = lastRestart;
        this.pods = pods;
    }

    public Integer getPods() {
        return pods;
    }

    public void setPods(Integer pods) {
        this.pods = pods;
    }

    public String getLastProgressTime() {
        return lastProgressTime;
    }

    public void setLastProgressTime(String lastProgressTime) {
        this.lastProgressTime = lastProgressTime;
    }

    public String getLastRestart() {
        return lastRestart;
    }

    public void setLastRestart(String lastRestart) {
        this.lastRestart = lastRestart;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RollStatus that && Objects.equals(lastProgressTime, that.lastProgressTime)
                && Objects.equals(lastRestart, that.lastRestart) && Objects.equals(pods, that.pods);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastProgressTime, lastRestart, pods);
    }
}
