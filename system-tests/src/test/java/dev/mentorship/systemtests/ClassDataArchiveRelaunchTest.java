package dev.mentorship.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Platform.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The class-data archive {@code bin/platform} records on a build's first launch serves the next
 * launch: most of the packaged service's classes, its own among them, come from the archive instead
 * of being read from jars and verified again. Which classes the JVM took from where is read from its
 * class-loading log. With Quarkus' {@code fast-jar} packaging about 70 % of them come from the
 * archive (docs/benchmarks.md); without the archive none of the service's own would.
 */
class ClassDataArchiveRelaunchTest {

    /**
     * {@code [0.305s][info][class,load] dev.mentorship.matching.MatchingConfig source: shared objects file (top)};
     * "(top)" is the service's own archive, without it the JDK's base archive.
     */
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) source: (.+)$");

    private static Path data;
    private static Platform platform;

    @BeforeAll
    static void start() throws IOException {
        data = Files.createTempDirectory("mentorship-cds-");
        Platform.Settings settings = Platform.Settings.isolated(Checkout.root(), data)
                .withClassDataCache(data.resolve("cds"))
                .withServiceJvmOptions(List.of("-Xlog:class+load=info:file=" + data.resolve("classes-%p.log")));
        platform = new Platform(settings);
        platform.ensurePostgres();
        platform.ensureKafka();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.downAndDelete();
        }
    }

    @Test
    void a_relaunch_takes_most_of_its_classes_from_the_archive_the_first_launch_recorded() throws IOException {
        platform.ensureService(Service.MATCHING);
        platform.stop(Service.MATCHING.module);
        try (Stream<Path> archives = Files.list(data.resolve("cds"))) {
            assertThat(archives.map(path -> path.getFileName().toString()))
                    .singleElement().asString().startsWith("matching-service-").endsWith(".jsa");
        }

        platform.ensureService(Service.MATCHING);
        long pid = platform.running(Service.MATCHING.module).orElseThrow().pid();
        platform.stop(Service.MATCHING.module);

        // Hidden classes (lambdas, proxies) are defined at run time and are never read from a jar.
        List<Loaded> fromJarsOrArchive = Files.readAllLines(data.resolve("classes-" + pid + ".log")).stream()
                .map(LOADED::matcher).filter(Matcher::find)
                .map(line -> new Loaded(line.group(1), line.group(2)))
                .filter(loaded -> loaded.source().startsWith("shared objects file") || loaded.source().startsWith("file:")
                        || loaded.source().startsWith("jar:") || loaded.source().startsWith("jrt:"))
                .toList();
        List<Loaded> own = fromJarsOrArchive.stream().filter(loaded -> loaded.name().startsWith("dev.mentorship.")).toList();
        assertThat(own).hasSizeGreaterThan(100);
        assertThat(fromServiceArchive(own)).as("the service's own classes taken from its archive").isGreaterThan(0.5);
        assertThat(fromJarsOrArchive).hasSizeGreaterThan(10_000);
        assertThat(fromServiceArchive(fromJarsOrArchive)).as("all classes taken from the service's archive").isGreaterThan(0.6);
    }

    private static double fromServiceArchive(List<Loaded> classes) {
        return (double) classes.stream().filter(loaded -> loaded.source().startsWith("shared objects file (top)")).count() / classes.size();
    }

    /** A class the JVM loaded, and where from. */
    private record Loaded(String name, String source) {
    }
}
