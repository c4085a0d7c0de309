package io.kafkaha.operator.runtime;

/**
 * The operator cannot start for a reason the person running it can fix (API server unreachable, CRD missing,
 * health port taken). The message says what is wrong and how to fix it; callers print it without a stack trace.
 */
public class OperatorStartupException extends RuntimeException {
    public OperatorStartupException(String message) {
        super(message);
    }

    public OperatorStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
