package io.kafkaha.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a running JVM process uses, in MiB: resident memory now and at its peak ({@code VmRSS}, {@code VmHWM} of
 * {@code /proc/PID/status}), threads, and from {@code jcmd} the Java heap (used and committed, summed over the
 * collector's generations or regions), its maximum and the metaspace in use.
 */
record JvmFootprint(double rssMiB, double peakRssMiB, int threads, double heapUsedMiB, double heapCommittedMiB,
                    double maxHeapMiB, double metaspaceMiB) {
    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K");
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

    static JvmFootprint of(long pid) throws IOException, InterruptedException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        String heapInfo = jcmd(pid, "GC.heap_info");
        long used = 0;
        long committed = 0;
        for (String line : heapInfo.lines().toList()) {
            Matcher heap = HEAP.matcher(line);
            if (heap.find() && !line.contains("Metaspace") && !line.contains("class space")) {
                committed += Long.parseLong(heap.group(1));
                used += Long.parseLong(heap.group(2));
            }
        }
        Matcher metaspace = METASPACE.matcher(heapInfo);
        Matcher maxHeap = MAX_HEAP.matcher(jcmd(pid, "VM.flags"));
        return new JvmFootprint(kib(status, "VmRSS") / 1024.0, kib(status, "VmHWM") / 1024.0,
                (int) kib(status, "Threads"), used / 1024.0, committed / 1024.0,
                maxHeap.find() ? Long.parseLong(maxHeap.group(1)) / 1024.0 / 1024.0 : Double.NaN,
                metaspace.find() ? Long.parseLong(metaspace.group(1)) / 1024.0 : Double.NaN);
    }

    private static long kib(String procStatus, String field) {
        return procStatus.lines().filter(line -> line.startsWith(field + ":"))
                .map(line -> line.substring(field.length() + 1).replace("kB", "").strip())
                .mapToLong(Long::parseLong).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + field + " in /proc/PID/status"));
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        Process process = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
                Long.toString(pid), command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: "
                    + new String(output, StandardCharsets.UTF_8).strip());
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
