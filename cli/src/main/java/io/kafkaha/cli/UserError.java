package io.kafkaha.cli;

/**
 * A failure the user can fix: its message says what is wrong and how to fix it, and is printed without a stack
 * trace. Anything else escaping a command is a bug and is shown in full.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
