package dev.mentorship.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CpuUseTest {

    @Test
    void a_busy_child_counts_for_its_part_and_not_for_the_process_that_launched_it() throws Exception {
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).as("Linux /proc").isTrue();
        Process child = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            CpuUse cpu = new CpuUse(Map.of("child", child.toHandle(), "launcher", ProcessHandle.current()));
            Map<String, Double> before = cpu.snapshot();
            Thread.sleep(1_500);
            Map<String, Double> after = cpu.snapshot();

            Map<String, Double> millis = CpuUse.perUnit(before, after, 1);
            assertThat(millis.get("child")).isGreaterThan(200.0);
            assertThat(millis.get("launcher")).isLessThan(millis.get("child") / 2);
        } finally {
            child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
