package io.kafkaha.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many controllers a local cluster was first formed with, in {@code controllers.formation} beside
 * {@code cluster.properties}. Those controllers are formatted with the initial quorum; any later one joins as an
 * observer (see {@code start-kafka.sh}). The file is written before the controller count first changes; a
 * cluster without it was never scaled, so it was formed with its current count.
 */
final class ControllerFormation {
    private ControllerFormation() {
    }

    static int read(ClusterLayout layout, int currentControllers) {
        Path file = layout.formationFile();
        if (!Files.exists(file)) {
            return currentControllers;
        }
        try {
            return Integer.parseInt(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException(file + " is unreadable (" + e.getMessage() + "); it must hold the number"
                    + " of controllers the cluster was created with", e);
        }
    }

    /** Records the formation, unless already recorded: call before the controller count first changes. */
    static void recordIfAbsent(ClusterLayout layout, int currentControllers) {
        Path file = layout.formationFile();
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.writeString(file, currentControllers + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
