package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Checks, before {@code local up} creates a cluster, that its directory can hold one: a file, a directory that
 * cannot be written (such as one under {@code /proc}) or a directory already holding other files is refused
 * before anything starts or is saved. The last matters because {@code down --purge} deletes the whole directory.
 */
public final class NewClusterDir {
    private NewClusterDir() {
    }

    public static void requireUsable(ClusterLayout layout) {
        Path dir = layout.dir();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError("--dir " + dir + " is a file, not a directory; give a directory for the cluster's"
                    + " config, logs and data (a new or empty one), or leave --dir out for ~/.kafka-ha/clusters/NAME");
        }
        if (Files.isDirectory(dir)) {
            if (!isEmpty(dir)) {
                throw new UserError("--dir " + dir + " already holds other files but no kafka-ha cluster, and"
                        + " 'local down --purge' would delete all of them; give a new or empty directory");
            }
            probeWritable(dir, dir);
            return;
        }
        Path ancestor = dir.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            throw new UserError("cannot create --dir " + dir + ": " + ancestor + " is a file, not a directory;"
                    + " give a directory path whose parents are directories");
        }
        probeWritable(ancestor, dir);
    }

    /** Creating and removing a directory is the one test that works for root and for special file systems. */
    private static void probeWritable(Path parent, Path dir) {
        try {
            Files.delete(Files.createTempDirectory(parent, ".kafka-ha-probe-"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new UserError("cannot create --dir " + dir + ": " + parent + " does not accept new directories ("
                    + describe(e) + "); give a directory on a writable file system that you may write to, or"
                    + " leave --dir out for ~/.kafka-ha/clusters/NAME", e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UserError("cannot read --dir " + dir + " (" + describe(e) + "); give a directory you may"
                    + " read and write", e);
        }
    }

    /** The operating system's reason ("Permission denied"), without the probe's own path. */
    static String describe(Exception e) {
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e instanceof FileSystemException ? "file system error" : String.valueOf(e.getMessage());
    }
}
