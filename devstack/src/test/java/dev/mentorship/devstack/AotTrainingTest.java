package dev.mentorship.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.devstack.Platform.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training that fails leaves no cache behind, not even the one of the build before. */
class AotTrainingTest {

    @TempDir
    Path root;

    @Test
    void a_training_that_fails_removes_the_cache_of_the_build_before_and_writes_none() throws Exception {
        Path application = Files.createDirectories(root.resolve("feedback-service/target/quarkus-app"));
        Path stale = Files.writeString(application.resolve(AotCache.FILE), "the cache of the build before");

        // No quarkus-run.jar: the service cannot start, as a broken build would not.
        assertThatThrownBy(() -> AotTraining.train(root, Service.FEEDBACK, (platform, client) -> {
            throw new AssertionError("the workload never runs without a service");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("quarkus-run.jar");

        assertThat(stale).doesNotExist();
        assertThat(AotCache.usable(application)).isEmpty();
    }
}
