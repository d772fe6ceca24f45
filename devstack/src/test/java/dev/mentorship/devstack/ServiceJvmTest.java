package dev.mentorship.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service options, as the JVM that runs a service ends up with them: sized for memory by
 * default (docs/benchmarks.md, "Service memory"), and {@code SERVICE_JAVA_OPTS} wins over them.
 */
class ServiceJvmTest {

    private static final Pattern FLAG = Pattern.compile("^\\s*\\S+\\s+(\\w+)\\s+:?=\\s+(\\S+)", Pattern.MULTILINE);

    @TempDir
    Path folder;

    @Test
    void a_service_compiles_with_c2_alone_has_compact_object_headers_and_keeps_a_quarter_to_half_of_its_heap_free() throws Exception {
        Map<String, String> flags = finalFlags(Platform.serviceJvm(null));

        assertThat(flags).containsEntry("TieredCompilation", "false")
                .containsEntry("UseCompactObjectHeaders", "true")
                .containsEntry("TrimNativeHeapInterval", "5000")
                .containsEntry("MinHeapFreeRatio", "25")
                .containsEntry("MaxHeapFreeRatio", "50")
                .containsEntry("UseSerialGC", "true")
                .containsEntry("MaxHeapSize", String.valueOf(128L * 1024 * 1024));
    }

    @Test
    void options_the_user_adds_win_over_the_defaults() throws Exception {
        Map<String, String> flags = finalFlags(Platform.serviceJvm("  -XX:+TieredCompilation   -XX:MaxHeapFreeRatio=70 "));

        assertThat(flags).containsEntry("TieredCompilation", "true")
                .containsEntry("MaxHeapFreeRatio", "70")
                .containsEntry("MinHeapFreeRatio", "25");
    }

    @Test
    void blank_extra_options_add_nothing() {
        assertThat(Platform.serviceJvm("   ")).isEqualTo(Platform.serviceJvm(null));
    }

    /** Launches {@code java <options> -XX:+PrintFlagsFinal -version} as a service is launched, and reads the flags it settled on. */
    private Map<String, String> finalFlags(List<String> options) throws IOException, InterruptedException {
        Path log = folder.resolve("flags-" + System.nanoTime() + ".log");
        Process process = JavaProcess.start(options, List.of("-XX:+PrintFlagsFinal", "-version"), Map.of(), log);
        int exit = process.waitFor();
        String output = Files.readString(log);
        assertThat(exit).as(output).isZero();
        Map<String, String> flags = new HashMap<>();
        Matcher matcher = FLAG.matcher(output);
        while (matcher.find()) {
            flags.put(matcher.group(1), matcher.group(2));
        }
        assertThat(flags).as(output).isNotEmpty();
        return flags;
    }
}
