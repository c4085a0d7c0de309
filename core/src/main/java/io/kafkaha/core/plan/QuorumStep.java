package io.kafkaha.core.plan;

/** What the {@link QuorumPlanner} says to do next with the controller quorum; {@link #description()} is for people. */
public sealed interface QuorumStep {

    /** Start this controller (it formats without initial controllers, so it joins as an observer). */
    record StartObserver(String name, int nodeId, String description) implements QuorumStep {
    }

    /** Add this caught-up observer to the voters (Admin {@code addRaftVoter}). */
    record AddVoter(String name, int nodeId, String directoryId, String description) implements QuorumStep {
    }

    /** Remove this voter from the quorum (Admin {@code removeRaftVoter}); its process keeps running for now. */
    record RemoveVoter(String name, int nodeId, String directoryId, String description) implements QuorumStep {
    }

    /** Stop this controller: it is no voter any more, and the desired count leaves it out. */
    record StopController(String name, int nodeId, String description) implements QuorumStep {
    }

    /** No change may be made now; ask again later. */
    record Wait(String reason) implements QuorumStep {
        @Override
        public String description() {
            return "waiting: " + reason;
        }
    }

    /** The voters are exactly the desired controllers, and no other controller runs. */
    record Done(String description) implements QuorumStep {
    }

    String description();
}
