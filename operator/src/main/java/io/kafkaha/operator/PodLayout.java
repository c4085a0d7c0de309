package io.kafkaha.operator;

import io.kafkaha.core.render.StartScript;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where things are inside a Kafka pod running the official {@code apache/kafka} image with a read-only root
 * filesystem, and the volume behind each writable place. The start script learns the paths from
 * {@link #runtimeEnv()}; what the local runtime sets to its own directories, a pod sets to these mounts.
 */
public final class PodLayout {
    public static final String CONTAINER = "kafka";
    /** The image's installation; its scripts and jars are only read. */
    public static final String KAFKA_HOME = "/opt/kafka";

    /** The ConfigMap: start script and role configuration, read-only. */
    public static final String CONFIG_VOLUME = "config";
    public static final String CONFIG_DIR = "/etc/kafka-ha";
    /**
     * Scratch space: the start script writes the effective server.properties under it, and the JVM needs a
     * writable {@code java.io.tmpdir} (hsperfdata, and compression codecs such as zstd and snappy unpack their
     * native libraries there: without it compressed produce requests fail).
     */
    public static final String TMP_VOLUME = "tmp";
    public static final String TMP_DIR = "/tmp";
    public static final String WORK_DIR = TMP_DIR + "/kafka-ha";
    /** Kafka's application logs and GC log: kafka-run-class.sh creates and writes {@code $LOG_DIR}. */
    public static final String LOGS_VOLUME = "logs";
    public static final String LOG_DIR = KAFKA_HOME + "/logs";
    /**
     * The node's data: its persistent volume, from the StatefulSet's volume claim template of the same name, or
     * for ephemeral storage an emptyDir of that name (see DataVolume).
     */
    public static final String DATA_VOLUME = "data";
    public static final String DATA_DIR = "/var/lib/kafka/data";

    /** Read by Kafka's own scripts, not by the start script. */
    public static final String LOG_DIR_VARIABLE = "LOG_DIR";

    public static final String START_COMMAND_SHELL = "sh";

    private PodLayout() {
    }

    /** The start script as the container's command; {@code sh} because ConfigMap files are not executable. */
    public static String startScriptPath() {
        return CONFIG_DIR + "/" + StartScript.FILE_NAME;
    }

    /** The runtime-specific variables of {@link StartScript}, plus Kafka's {@code LOG_DIR}, for every pod. */
    public static Map<String, String> runtimeEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(StartScript.CONFIG_DIR, CONFIG_DIR);
        env.put(StartScript.WORK_DIR, WORK_DIR);
        env.put(StartScript.DATA_DIR, DATA_DIR);
        env.put(StartScript.KAFKA_HOME, KAFKA_HOME);
        env.put(LOG_DIR_VARIABLE, LOG_DIR);
        return env;
    }
}
