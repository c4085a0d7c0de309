package io.kafkaha.cli.drill;

/** A fault could not be injected or undone as planned; the drill reports it and fails. */
public class FaultNotInjected extends RuntimeException {
    public FaultNotInjected(String message) {
        super(message);
    }

    public FaultNotInjected(String message, Throwable cause) {
        super(message, cause);
    }
}
