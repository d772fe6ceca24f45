package dev.mentorship.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used by each part of the platform over an interval, from {@code /proc/<pid>/stat} of a
 * process and its descendants (PostgreSQL's backends run under its launcher). Linux only; elsewhere
 * the snapshots are empty and nothing is reported.
 */
final class CpuUse {

    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, ProcessHandle> parts;

    CpuUse(Map<String, ProcessHandle> parts) {
        this.parts = parts;
    }

    /** CPU seconds used so far by each part's living processes. */
    Map<String, Double> snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return seconds;
        }
        parts.forEach((name, process) -> {
            // This JVM launched the platform, so its descendants are the other parts: count it alone.
            Stream<ProcessHandle> processes = process.pid() == ProcessHandle.current().pid()
                    ? Stream.of(process)
                    : Stream.concat(Stream.of(process), process.descendants());
            seconds.put(name, processes.mapToDouble(CpuUse::cpuSeconds).sum());
        });
        return seconds;
    }

    /** Milliseconds of CPU per unit of work between two snapshots, for each part seen in both. */
    static Map<String, Double> perUnit(Map<String, Double> before, Map<String, Double> after, double units) {
        Map<String, Double> millis = new LinkedHashMap<>();
        after.forEach((name, seconds) -> {
            Double earlier = before.get(name);
            if (earlier != null && units > 0) {
                millis.put(name, (seconds - earlier) * 1000 / units);
            }
        });
        return millis;
    }

    /**
     * utime + stime of one process; 0 when it is gone or {@code /proc} is not there. The clock tick is
     * 100 Hz on every Linux architecture the JDK runs on ({@code USER_HZ}).
     */
    private static double cpuSeconds(ProcessHandle process) {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime and stime are fields 14 and 15
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
