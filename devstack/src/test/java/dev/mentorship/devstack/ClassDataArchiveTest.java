package dev.mentorship.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {

    private static final List<String> JVM = List.of("-Xmx128m", "-XX:+UseSerialGC");

    @TempDir
    Path work;

    private Path app;
    private Path cache;

    @BeforeEach
    void packagedApplication() throws Exception {
        app = work.resolve("quarkus-app");
        cache = work.resolve("cds");
        Files.createDirectories(app.resolve("lib/main"));
        Files.writeString(app.resolve("quarkus-run.jar"), "runner");
        Files.writeString(app.resolve("lib/main/library.jar"), "library");
    }

    @Test
    void a_first_launch_records_and_later_launches_use_the_archive() throws Exception {
        Path part = launchAndWriteAtExit("matching-service", "archive written by the JVM at exit");
        assertThat(part.getFileName().toString()).startsWith("matching-service-").endsWith(".jsa.part");
        assertThat(ClassDataArchive.recording(cache, "matching-service", app, JVM)).isTrue();

        ClassDataArchive.finish(cache, "matching-service", true);

        List<String> second = ClassDataArchive.options(cache, "matching-service", app, JVM);
        Path archive = Path.of(option(second, "-XX:SharedArchiveFile="));
        assertThat(archive).exists().hasContent("archive written by the JVM at exit");
        assertThat(ClassDataArchive.recording(cache, "matching-service", app, JVM)).isFalse();
    }

    @Test
    void a_service_killed_while_writing_leaves_no_archive() throws Exception {
        launchAndWriteAtExit("progress-service", "half");

        ClassDataArchive.finish(cache, "progress-service", false);

        assertThat(cache).isEmptyDirectory();
        assertThat(option(ClassDataArchive.options(cache, "progress-service", app, JVM), "-XX:ArchiveClassesAtExit=")).isNotNull();
    }

    @Test
    void a_rebuild_or_other_options_record_anew_and_drop_the_old_archive() throws Exception {
        launchAndWriteAtExit("feedback-service", "old build");
        ClassDataArchive.finish(cache, "feedback-service", true);
        String before = ClassDataArchive.fingerprint(app, JVM);

        Files.setLastModifiedTime(app.resolve("lib/main/library.jar"), FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(ClassDataArchive.fingerprint(app, JVM)).isNotEqualTo(before);
        assertThat(ClassDataArchive.fingerprint(app, List.of("-Xmx256m"))).isNotEqualTo(ClassDataArchive.fingerprint(app, JVM));
        List<String> again = ClassDataArchive.options(cache, "feedback-service", app, JVM);
        assertThat(option(again, "-XX:ArchiveClassesAtExit=")).isNotNull();
        try (var left = Files.list(cache)) {
            assertThat(left).isEmpty();
        }
    }

    /** What a first launch does: asks for its options, and the JVM writes the archive it named as it exits. */
    private Path launchAndWriteAtExit(String module, String content) throws Exception {
        Path part = Path.of(option(ClassDataArchive.options(cache, module, app, JVM), "-XX:ArchiveClassesAtExit="));
        Files.writeString(part, content);
        return part;
    }

    private static String option(List<String> options, String prefix) {
        return options.stream().filter(option -> option.startsWith(prefix)).map(option -> option.substring(prefix.length()))
                .findFirst().orElse(null);
    }
}
