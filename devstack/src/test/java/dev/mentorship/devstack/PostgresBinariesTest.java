package dev.mentorship.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unpacking of the embedded binaries cut short leaves a folder the library cannot finish; the
 * platform removes such a folder, and only such a folder, before it unpacks again.
 */
class PostgresBinariesTest {

    @TempDir
    Path workingDirectory;

    @Test
    void removes_an_unfinished_folder_and_keeps_a_complete_one_and_one_being_unpacked() throws Exception {
        Path complete = binaries("PG-complete", true);
        Path unfinished = binaries("PG-unfinished", false);
        Files.createSymbolicLink(unfinished.resolve("lib/libicudata.so"), Path.of("libicudata.so.60.2"));
        Path beingUnpacked = binaries("PG-busy", false);
        Path other = Files.createDirectories(workingDirectory.resolve("not-binaries"));

        try (FileChannel channel = FileChannel.open(beingUnpacked.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            assertThat(Postgres.removeUnfinished(workingDirectory)).isTrue();
        }

        assertThat(unfinished).doesNotExist();
        assertThat(complete.resolve("bin/postgres")).exists();
        assertThat(beingUnpacked.resolve("bin/postgres")).exists();
        assertThat(other).exists();
        assertThat(Postgres.removeUnfinished(workingDirectory)).as("nothing left to remove but the busy folder, now free").isTrue();
        assertThat(beingUnpacked).doesNotExist();
        assertThat(Postgres.removeUnfinished(workingDirectory)).isFalse();
        assertThat(complete).exists();
    }

    @Test
    void a_missing_working_directory_has_nothing_to_remove() {
        assertThat(Postgres.removeUnfinished(workingDirectory.resolve("absent"))).isFalse();
    }

    private Path binaries(String name, boolean finished) throws Exception {
        Path folder = Files.createDirectories(workingDirectory.resolve(name));
        Files.createDirectories(folder.resolve("bin"));
        Files.createDirectories(folder.resolve("lib"));
        Files.writeString(folder.resolve("bin/postgres"), "binary");
        Files.writeString(folder.resolve("lib/libicudata.so.60.2"), "data");
        if (finished) {
            Files.createFile(folder.resolve(".exists"));
        }
        return folder;
    }
}
