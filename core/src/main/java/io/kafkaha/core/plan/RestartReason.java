package io.kafkaha.core.plan;

/**
 * Why a node must restart, one per node, in the order {@link SpecDiff} checks them: when several things changed
 * the first one named here is shown.
 */
public enum RestartReason {
    VERSION("Kafka version changed"),
    IMAGE("image changed"),
    CONFIG("config changed"),
    START_SCRIPT("start script changed"),
    RESOURCES("resources changed"),
    POD_TEMPLATE("pod template changed"),
    REQUESTED("restart requested");

    private final String description;

    RestartReason(String description) {
        this.description = description;
    }

    /** For people: "config changed". */
    public String description() {
        return description;
    }
}
