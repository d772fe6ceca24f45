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
        return start(currentJava(), jvmArgs, program, environment, log, false);
    }

    /** The {@code java} launcher of the JDK this JVM runs on. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * With {@code detached}, the child gets its own session (setsid), so it survives the launcher
     * and the terminal it ran in.
     */
    public static Process start(Path java, List<String> jvmArgs, List<String> program, Map<String, String> environment, Path log,
            boolean detached) {
        List<String> command = new ArrayList<>();
        if (detached) {
            command.add("setsid");
        }
        command.add(java.toString());
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

    /**
     * Whether a process is running. {@link ProcessHandle#isAlive()} also holds for a zombie: a process
     * that has ended but that its parent has not yet waited for. A part started detached belongs to
     * whatever runs as PID 1 once its launcher exits; where that does not reap (a container whose first
     * process is a shell or a sandbox's own init), a part that crashed stays a zombie, and was taken for
     * running: {@code up} then left it down and {@code status} called it running but not answering.
     */
    public static boolean alive(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            // /proc/<pid>/stat: "pid (command) state ...", the command in parentheses possibly holding spaces.
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int command = stat.lastIndexOf(')');
            char state = command >= 0 && command + 2 < stat.length() ? stat.charAt(command + 2) : 'R';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            // Without /proc (macOS) isAlive is all there is; with it, no entry means the process just ended.
            return !Files.isDirectory(Path.of("/proc", "self"));
        }
    }

    /** SIGTERM, then SIGKILL after {@code graceSeconds}; true if the process ended on its own. */
    public static boolean stop(ProcessHandle process, long graceSeconds) {
        if (!alive(process)) {
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
