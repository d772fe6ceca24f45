package dev.mentorship.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A service's AOT cache (JDK 25: JEP 483 classes loaded and linked, JEP 515 method profiles):
 * {@code app.aot} beside {@code quarkus-run.jar} in the packaged application, written when the
 * service is packaged by a training run ({@link AotTraining}) and mapped by every later launch with
 * {@code -XX:AOTCache}. The JVM takes it only from the JDK build that wrote it, with the same class
 * path and the same options that shape objects (compressed pointers, object headers); otherwise it
 * starts without it, slower but correct.
 */
public final class AotCache {

    public static final String FILE = "app.aot";
    /** The option that makes a launch a training run: the JVM writes the cache when it exits. */
    static final String RECORD = "-XX:AOTCacheOutput=";

    private AotCache() {
    }

    /** {@code -XX:AOTCache} for the application's cache, when it has a usable one; else nothing. */
    static List<String> options(Path application) {
        return usable(application).map(cache -> List.of("-XX:AOTCache=" + cache)).orElse(List.of());
    }

    /**
     * The application's cache, if it has one at least as new as every other file of the application.
     * A build packaged without training ({@code -Daot.skip}) keeps the cache of the build before it,
     * made for other classes; a JDK before 25.0.4 does not notice a changed jar (JDK-8377932), so
     * such a cache is left unused here.
     */
    public static Optional<Path> usable(Path application) {
        Path cache = application.resolve(FILE);
        try {
            if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
                return Optional.empty();
            }
            FileTime written = Files.getLastModifiedTime(cache);
            try (Stream<Path> files = Files.walk(application)) {
                boolean newer = files.filter(Files::isRegularFile).filter(file -> !file.equals(cache))
                        .anyMatch(file -> lastModified(file).compareTo(written) > 0);
                return newer ? Optional.empty() : Optional.of(cache);
            }
        } catch (IOException | UncheckedIOException e) {
            // A file gone while it was looked at: a build under way, whose cache is not ready either.
            return Optional.empty();
        }
    }

    /**
     * The options of a training run writing the cache to {@code output} as the service exits. The JVM
     * assembles the cache in a second JVM with the same options, which needs room for every class the
     * run loaded and the profiles of its methods: more class space than a service's limit allows.
     * Only errors reach the log; the classes the cache cannot hold (proxies, classes of other loaders)
     * are hundreds of warnings otherwise.
     */
    static List<String> recording(Path output) {
        return List.of(RECORD + output, "-XX:MaxMetaspaceSize=512m", "-Xlog:aot=error");
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
