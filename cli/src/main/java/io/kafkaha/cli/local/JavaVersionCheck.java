package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;

/** Kafka 4 needs Java 17 or newer on brokers and controllers; nodes run on the CLI's own Java. */
final class JavaVersionCheck {
    static final int MINIMUM = 17;

    private JavaVersionCheck() {
    }

    static void require() {
        require(Runtime.version().feature(), System.getProperty("java.home"));
    }

    static void require(int feature, String javaHome) {
        if (feature < MINIMUM) {
            throw new UserError("Java " + feature + " (" + javaHome + ") is too old: Kafka 4 needs Java " + MINIMUM
                    + " or newer; install it and put it first on PATH or set JAVA_HOME");
        }
    }
}
