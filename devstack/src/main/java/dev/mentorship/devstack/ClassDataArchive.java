package dev.mentorship.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Class-data sharing for a service's JVM (JDK dynamic archives). The first launch of a build records
 * every class it loaded into an archive when it stops; later launches of the same build map the
 * archive instead of loading and verifying those classes again, which brings a service up about 2 s
 * (some 30 %) sooner on two cores. An archive is named after a fingerprint of the build (every file
 * of the Quarkus application, with its size and time) and of the JVM and its options, so a rebuild or
 * a new JDK simply records a new one; the older archives of that service are deleted then. Writing
 * the archive makes the first stop of a build slower (10-15 s per service on two cores). A missing or
 * mismatched archive only costs the speed-up: the JVM then starts without it.
 */
final class ClassDataArchive {

    /** Recording lists every class it skips; a mismatched archive is not worth a warning either. */
    private static final String QUIET = "-Xlog:cds*=off";

    private ClassDataArchive() {
    }

    /** JVM options that use the service's archive, or record one at exit when there is none yet. */
    static List<String> options(Path cache, String module, Path application, List<String> jvmOptions) {
        try {
            Files.createDirectories(cache);
            Path archive = archive(cache, module, application, jvmOptions);
            if (usable(archive)) {
                return List.of(QUIET, "-XX:SharedArchiveFile=" + archive);
            }
            try (Stream<Path> archives = Files.list(cache)) {
                // Archives of earlier builds of this service are of no further use.
                for (Path stale : archives.filter(path -> path.getFileName().toString().startsWith(module + "-")).toList()) {
                    Files.deleteIfExists(stale);
                }
            }
            // Written under a temporary name; it becomes the archive only once the service has exited
            // on its own (see finish), so a service killed while writing leaves nothing half-made.
            return List.of(QUIET, "-XX:ArchiveClassesAtExit=" + partial(archive));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the running build of {@code module} has no archive yet, so it writes one as it stops (which takes a while). */
    static boolean recording(Path cache, String module, Path application, List<String> jvmOptions) {
        return !usable(archive(cache, module, application, jvmOptions));
    }

    private static Path archive(Path cache, String module, Path application, List<String> jvmOptions) {
        return cache.resolve(module + "-" + fingerprint(application, jvmOptions) + ".jsa");
    }

    private static boolean usable(Path archive) {
        try {
            return Files.isRegularFile(archive) && Files.size(archive) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** After a service stopped: keeps the archive it wrote if it exited on its own, else discards it. */
    static void finish(Path cache, String module, boolean exitedCleanly) {
        try {
            for (Path part : partials(cache, module)) {
                String name = part.getFileName().toString();
                Path archive = part.resolveSibling(name.substring(0, name.length() - ".part".length()));
                if (exitedCleanly && Files.size(part) > 0) {
                    Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(part);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path partial(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".part");
    }

    private static List<Path> partials(Path cache, String module) {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(path -> path.getFileName().toString().startsWith(module + "-")
                    && path.getFileName().toString().endsWith(".jsa.part")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fingerprint(Path application, List<String> jvmOptions) {
        try (Stream<Path> files = Files.walk(application)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
            digest.update(String.join(" ", jvmOptions).getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String entry = application.relativize(file) + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
                digest.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
