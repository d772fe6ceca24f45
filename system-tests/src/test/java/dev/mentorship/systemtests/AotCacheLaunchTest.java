package dev.mentorship.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mentorship.devstack.AotCache;
import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Platform.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each service launched by the platform takes its classes from the AOT cache its packaging trained
 * ({@code target/quarkus-app/app.aot}): loaded and linked there, not read from jars and verified
 * again. Which classes the JVM took from where is read from its class-loading log; without the cache
 * none of the service's own would come from a shared objects file.
 */
class AotCacheLaunchTest {

    /** {@code [0.305s][info][class,load] dev.mentorship.matching.MatchingConfig source: shared objects file}. */
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) source: (.+)$");

    private static Path data;
    private static Platform platform;

    @BeforeAll
    static void start() throws IOException {
        data = Files.createTempDirectory("mentorship-aot-");
        Platform.Settings settings = Platform.Settings.isolated(Checkout.root(), data)
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
    void each_service_takes_nearly_all_its_classes_from_the_cache_its_packaging_trained() throws IOException {
        assumeFalse(Boolean.getBoolean("aot.skip"), "the services were packaged without their caches (-Daot.skip=true)");
        for (Service service : Service.values()) {
            assertThat(AotCache.usable(platform.application(service.module))).as(service.module + "'s cache").isPresent();

            platform.ensureService(service);
            long pid = platform.running(service.module).orElseThrow().pid();
            platform.stop(service.module);

            // Hidden classes (lambdas, proxies) are defined at run time and are never read from a jar.
            List<Loaded> fromJarsOrCache = Files.readAllLines(data.resolve("classes-" + pid + ".log")).stream()
                    .map(LOADED::matcher).filter(Matcher::find)
                    .map(line -> new Loaded(line.group(1), line.group(2)))
                    .filter(loaded -> loaded.source().startsWith("shared objects file") || loaded.source().startsWith("file:")
                            || loaded.source().startsWith("jar:") || loaded.source().startsWith("jrt:"))
                    .toList();
            List<Loaded> own = fromJarsOrCache.stream().filter(loaded -> loaded.name().startsWith("dev.mentorship.")).toList();
            assertThat(own).as(service.module).hasSizeGreaterThan(50);
            assertThat(fromCache(own)).as(service.module + "'s own classes taken from its cache").isGreaterThan(0.9);
            assertThat(fromJarsOrCache).as(service.module).hasSizeGreaterThan(10_000);
            assertThat(fromCache(fromJarsOrCache)).as("all classes " + service.module + " took from its cache").isGreaterThan(0.9);
        }
    }

    private static double fromCache(List<Loaded> classes) {
        return (double) classes.stream().filter(loaded -> loaded.source().startsWith("shared objects file")).count() / classes.size();
    }

    /** A class the JVM loaded, and where from. */
    private record Loaded(String name, String source) {
    }
}
