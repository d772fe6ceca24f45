package dev.mentorship.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pid file outlives its process: after a reboot or a crash its pid may name some other program's
 * JVM. status must call that part stopped and down must leave that JVM alone; a part the platform did
 * start is still found and stopped.
 */
class PlatformPidFileTest {

    @TempDir
    Path data;

    private Process stranger;
    private Platform platform;

    /** Another program's JVM, started here only so that it has a pid to collide with. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    @BeforeEach
    void startStranger() throws Exception {
        stranger = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Sleeper.class.getName()).start();
        platform = new Platform(Platform.Settings.isolated(data, data));
    }

    @AfterEach
    void stopStranger() {
        stranger.destroyForcibly();
    }

    @Test
    void a_pid_now_held_by_a_process_that_started_at_another_time_is_not_the_platforms() throws Exception {
        Instant started = stranger.toHandle().info().startInstant().orElseThrow();
        pidFile("matching-service", stranger.pid() + " " + started.minus(Duration.ofHours(3)).toEpochMilli());

        assertThat(platform.running("matching-service")).isEmpty();
        assertThat(platform.status()).containsEntry("matching-service", "stopped");
        platform.stop("matching-service");

        assertThat(stranger.waitFor(2, TimeUnit.SECONDS)).as("down leaves another program's JVM alone").isFalse();
        assertThat(pidFile("matching-service")).doesNotExist();
    }

    @Test
    void the_process_that_was_recorded_is_found_and_stopped() throws Exception {
        Instant started = stranger.toHandle().info().startInstant().orElseThrow();
        pidFile("matching-service", stranger.pid() + " " + started.toEpochMilli());

        assertThat(platform.running("matching-service")).map(ProcessHandle::pid).contains(stranger.pid());
        platform.stop("matching-service");

        assertThat(stranger.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
    }

    @Test
    void a_pid_file_without_a_start_time_from_an_earlier_release_is_still_honoured() throws Exception {
        pidFile("kafka", Long.toString(stranger.pid()));

        assertThat(platform.running("kafka")).map(ProcessHandle::pid).contains(stranger.pid());
    }

    @Test
    @EnabledOnOs(OS.LINUX) // reads /proc, as the check it tests does
    void a_recorded_part_that_died_but_was_not_reaped_is_stopped() throws Exception {
        // A process whose parent never waits: the shell's background child ends and stays a zombie
        // while sleep, which the shell became, runs on. The child ends only once its parent is sleep:
        // ended earlier, the shell itself may reap it before its exec, and no zombie is left.
        Process parent = new ProcessBuilder("sh", "-c",
                "sh -c 'while [ \"$(cat /proc/$PPID/comm)\" != sleep ]; do sleep 0.01; done' & echo $!; exec sleep 60").start();
        try {
            long pid = Long.parseLong(parent.inputReader().readLine().trim());
            ProcessHandle zombie = ProcessHandle.of(pid).orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(Path.of("/proc", Long.toString(pid), "stat")).contains(") Z") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(zombie.isAlive()).as("the JDK's own answer for a zombie").isTrue();
            pidFile("progress-service", Long.toString(pid));

            assertThat(JavaProcess.alive(zombie)).isFalse();
            assertThat(platform.running("progress-service")).isEmpty();
            assertThat(platform.status()).containsEntry("progress-service", "stopped");
            assertThat(JavaProcess.alive(stranger.toHandle())).as("a running process").isTrue();
        } finally {
            parent.destroyForcibly();
        }
    }

    private Path pidFile(String component) {
        return data.resolve("run").resolve(component + ".pid");
    }

    private void pidFile(String component, String content) throws Exception {
        Files.createDirectories(pidFile(component).getParent());
        Files.writeString(pidFile(component), content);
    }
}
