package dev.mentorship.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Starts and stops child JVMs with their output in a log file; small helpers for processes and folders. */
public final class JavaProcess {

    private JavaProcess() {
    }

    public static Process start(List<String> jvmArgs, List<String> program, Map<String, String> environment, Path log) {
        return start(jvmArgs, program, environment, log, false);
    }

    /**
     * With {@code detached}, the child gets its own session (setsid), so it survives the launcher
     * and the terminal it ran in.
     */
    public static Process start(List<String> jvmArgs, List<String> program, Map<String, String> environment, Path log,
            boolean detached) {
        List<String> command = new ArrayList<>();
        if (detached) {
            command.add("setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(program);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + program, e);
        }
    }

    /** SIGTERM, then SIGKILL after {@code graceSeconds}; true if the process ended on its own. */
    public static boolean stop(ProcessHandle process, long graceSeconds) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            process.onExit().get(graceSeconds, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return false;
        }
    }

    /**
     * Whether {@code process} started at {@code recorded}, give or take {@code tolerance}: after a
     * reboot or a crash a recorded pid may name a later process. A process whose start the system
     * does not report is taken to be the recorded one.
     */
    public static boolean startedAt(ProcessHandle process, Instant recorded, Duration tolerance) {
        return process.info().startInstant()
                .map(actual -> Duration.between(actual, recorded).abs().compareTo(tolerance) <= 0)
                .orElse(true);
    }

    /** Deletes a folder and everything in it. */
    public static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
