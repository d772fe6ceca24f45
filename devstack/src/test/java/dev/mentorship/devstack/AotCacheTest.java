package dev.mentorship.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    @TempDir
    Path application;

    @Test
    void a_cache_newer_than_every_file_of_the_application_is_used() throws Exception {
        Instant built = Instant.parse("2026-12-01T10:00:00Z");
        file("quarkus-run.jar", built);
        file("lib/main/dev.mentorship.eventsourcing.jar", built);
        Path cache = file("app.aot", built.plusSeconds(60));

        assertThat(AotCache.usable(application)).contains(cache);
        assertThat(AotCache.options(application)).containsExactly("-XX:AOTCache=" + cache);
    }

    @Test
    void a_cache_older_than_a_file_of_the_application_was_made_for_another_build_and_is_not_used() throws Exception {
        Instant built = Instant.parse("2026-12-01T10:00:00Z");
        file("quarkus-run.jar", built);
        file("app.aot", built.plusSeconds(60));
        // Repackaged without training: the cache of the build before stays behind.
        file("lib/main/dev.mentorship.eventsourcing.jar", built.plusSeconds(120));

        assertThat(AotCache.usable(application)).isEmpty();
        assertThat(AotCache.options(application)).isEmpty();
    }

    @Test
    void no_cache_or_an_empty_one_launches_without() throws Exception {
        file("quarkus-run.jar", Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(AotCache.options(application)).isEmpty();

        Files.createFile(application.resolve("app.aot"));
        assertThat(AotCache.options(application)).isEmpty();
    }

    private Path file(String name, Instant modified) throws Exception {
        Path file = application.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, name);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
