package io.kafkaha.cli.local;

import io.kafkaha.core.kafka.MoveSettings;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** {@code --throttle}: bytes per second, plain or with a binary suffix (50M = 50 MiB/s, 512K, 1G). */
final class ByteRate implements CommandLine.ITypeConverter<Long> {
    private static final Pattern RATE = Pattern.compile("(\\d{1,12})\\s*([kmg]?)(i?b)?(/s)?");

    @Override
    public Long convert(String value) {
        Matcher matcher = RATE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a rate; give bytes per second,"
                    + " e.g. 52428800, 50M (MiB/s) or 512K (default " + MoveSettings.describeRate(
                    MoveSettings.DEFAULT_THROTTLE) + ")");
        }
        long number = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "k" -> number * 1024;
            case "m" -> number * 1024 * 1024;
            case "g" -> number * 1024 * 1024 * 1024;
            default -> number;
        };
    }
}
