package io.kafkaha.core.spec;

import java.util.List;

/** A cluster spec kafka-ha refuses; each problem names the field and says how to fix it. */
public class InvalidSpecException extends RuntimeException {
    private final List<String> problems;

    public InvalidSpecException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
