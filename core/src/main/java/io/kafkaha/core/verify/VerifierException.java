package io.kafkaha.core.verify;

/** A verification run could not produce a report, e.g. the cluster was unreachable or the topic missing. */
public class VerifierException extends RuntimeException {
    public VerifierException(String message, Throwable cause) {
        super(message, cause);
    }
}
