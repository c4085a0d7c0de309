package io.kafkaha.chart;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kafka-ha image's parts as this repository has them: {@code image/} (Dockerfile and launcher) and the CLI's jar
 * the build makes, plus what the image gives its launcher, for running that launcher outside the image.
 */
final class KafkaHaImage {
    static final Path DIR = Path.of(System.getProperty("kafkaha.image.dir", "../image"));
    static final Path LAUNCHER = DIR.resolve("kafka-ha");
    static final Path CLI_JAR = Path.of(System.getProperty("kafkaha.jar", "../cli/target/kafka-ha.jar"));

    private KafkaHaImage() {
    }

    /**
     * The launcher's environment as the image provides it: the built jar in place of the image's
     * {@code /opt/kafka-ha/kafka-ha.jar}, and a PATH with Java, after {@code firstOnPath} (e.g. where the launcher
     * is, as {@code /usr/local/bin} in the image).
     */
    static Map<String, String> launcherEnvironment(Path... firstOnPath) {
        StringBuilder path = new StringBuilder();
        for (Path dir : firstOnPath) {
            path.append(dir).append(':');
        }
        path.append(Path.of(System.getProperty("java.home"), "bin")).append(":/usr/bin:/bin");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_HA_JAR", CLI_JAR.toAbsolutePath().toString());
        env.put("PATH", path.toString());
        return env;
    }
}
