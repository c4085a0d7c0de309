package io.kafkaha.cli.client;

import java.util.Optional;

/**
 * One input line as a record: with a key separator, the key is the text before its first occurrence and the
 * value everything after it (so values may contain the separator); without one, the whole line is the value.
 */
public record KeyedLine(String key, String value) {

    public static KeyedLine unkeyed(String line) {
        return new KeyedLine(null, line);
    }

    /** The line split at the first {@code separator}, or empty when the line does not contain it. */
    public static Optional<KeyedLine> split(String line, String separator) {
        int at = line.indexOf(separator);
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.of(new KeyedLine(line.substring(0, at), line.substring(at + separator.length())));
    }
}
