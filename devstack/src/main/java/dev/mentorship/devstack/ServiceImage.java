package dev.mentorship.devstack;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds a packaged service's OCI image with Jib, without a container engine: written to
 * {@code target/image/<service>.tar} (an OCI image layout in a tarball), and pushed to the registry
 * as well with {@code -Dimage.push=true}. Run by Maven after the service's AOT cache is trained
 * ({@code service-image} in the parent POM).
 *
 * <p>The image is built from scratch, in layers from the least to the most often changed: the C
 * library (the files of the build host's Debian {@code libc6} and {@code libgcc-s1} packages: all
 * the JDK needs of a system), the JDK that built and trained the service (the AOT cache is refused
 * by any other JDK build), the libraries, the application and its AOT cache. Every file keeps its
 * modification time: the JVM takes the cache only where the JDK's module image and the class-path
 * jars are the very files it was made from, and it checks them by time and size. The service runs
 * as user 185 from {@code /deployments} with the options {@code bin/platform} gives it.
 */
public final class ServiceImage {

    public static final String USER = "185";
    public static final AbsoluteUnixPath JAVA_HOME = AbsoluteUnixPath.get("/opt/java/openjdk");
    public static final AbsoluteUnixPath WORKING_DIRECTORY = AbsoluteUnixPath.get("/deployments");
    public static final Set<Port> PORTS = Set.of(Port.tcp(8080), Port.tcp(9000));
    /** The Debian packages whose files make the image's system: the C library and the unwinder it loads at thread exit. */
    static final List<String> SYSTEM_PACKAGES = List.of("libc6", "libgcc-s1");
    /** What the services never use of a JDK: sources, headers, manuals, javac's symbol table. */
    private static final Set<String> JDK_LEFT_OUT = Set.of("include", "man", "jmods", "demo", "lib/src.zip", "lib/ct.sym");

    private ServiceImage() {
    }

    /**
     * {@code <service module directory> <service name> <registry> <tag> <push>}; builds the image
     * of the service packaged in {@code target/quarkus-app} with the running JDK.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: ServiceImage <module directory> <service> <registry> <tag> <push>");
        }
        Path module = Path.of(args[0]).toAbsolutePath();
        String service = args[1];
        ImageReference reference = ImageReference.parse(args[2] + "/" + service + ":" + args[3]);
        boolean push = Boolean.parseBoolean(args[4]);
        Path output = module.resolve("target/image");
        Files.createDirectories(output);

        JibContainerBuilder image = plan(module.resolve("target/quarkus-app"), Path.of(System.getProperty("java.home")),
                output.resolve("files"), service, args[3]);
        Path cache = module.getParent().resolve("target/image-layers");
        // The tarball always, so that what is tested is what was built; the registry as well when asked.
        JibContainer written = image.containerize(settings(Containerizer.to(TarImage.at(output.resolve(service + ".tar")).named(reference))
                .setOfflineMode(true), cache));
        Files.writeString(output.resolve(service + ".digest"), written.getDigest().toString());
        System.out.println("Wrote " + output.resolve(service + ".tar") + ": " + written.getTargetImage() + "@" + written.getDigest());
        if (push) {
            JibContainer pushed = image.containerize(settings(Containerizer.to(registry(reference)), cache));
            System.out.println("Pushed " + pushed.getTargetImage() + "@" + pushed.getDigest());
        }
    }

    private static Containerizer settings(Containerizer containerizer, Path cache) {
        return containerizer.setApplicationLayersCache(cache).setBaseImageLayersCache(cache)
                .setToolName("mentorship-service-image")
                .addEventHandler(LogEvent.class, event -> {
                    if (event.getLevel() == LogEvent.Level.ERROR || event.getLevel() == LogEvent.Level.WARN) {
                        System.err.println(event.getMessage());
                    }
                });
    }

    /** The image of the service packaged in {@code application}, on the JDK at {@code javaHome}. */
    static JibContainerBuilder plan(Path application, Path javaHome, Path generated, String service, String version)
            throws IOException {
        Path cache = application.resolve(AotCache.FILE);
        if (!Files.isRegularFile(application.resolve("quarkus-run.jar")) || AotCache.usable(application).isEmpty()) {
            throw new IllegalStateException(application + " holds no packaged service with an AOT cache made for it: package it"
                    + " without -Daot.skip (the image is made for the cache)");
        }
        return Jib.fromScratch()
                .setFormat(ImageFormat.OCI)
                .addFileEntriesLayer(systemLayer(generated))
                .addFileEntriesLayer(tree("jdk", javaHome, JAVA_HOME, JDK_LEFT_OUT))
                .addFileEntriesLayer(tree("libraries", application.resolve("lib"), WORKING_DIRECTORY.resolve("lib"), Set.of()))
                .addFileEntriesLayer(applicationLayer(application))
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("aot-cache")
                        .addEntry(cache, WORKING_DIRECTORY.resolve(AotCache.FILE), FilePermissions.fromOctalString("644"),
                                modified(cache))
                        .build())
                .setEntrypoint(entrypoint())
                .setWorkingDirectory(WORKING_DIRECTORY)
                .setUser(USER)
                .setExposedPorts(PORTS)
                .setEnvironment(environment())
                .setLabels(labels(service, version));
    }

    /** The JVM the launcher runs, with the launcher's options, taking the cache (the image holds the JDK that made it). */
    public static List<String> entrypoint() {
        List<String> command = new ArrayList<>();
        command.add(JAVA_HOME.resolve("bin/java").toString());
        command.addAll(Platform.serviceJvm(null));
        command.add("-XX:AOTCache=" + WORKING_DIRECTORY.resolve(AotCache.FILE));
        command.addAll(List.of("-jar", WORKING_DIRECTORY.resolve("quarkus-run.jar").toString()));
        return List.copyOf(command);
    }

    private static Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("JAVA_HOME", JAVA_HOME.toString());
        environment.put("PATH", JAVA_HOME.resolve("bin") + ":/usr/bin:/bin");
        environment.put("LANG", "C.UTF-8");
        // As bin/platform: fewer glibc malloc arenas, less resident memory for a JVM with a handful of busy threads.
        environment.put("MALLOC_ARENA_MAX", "2");
        return environment;
    }

    private static Map<String, String> labels(String service, String version) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", service);
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.description", "Mentorship platform " + service + " (JDK " + Runtime.version() + ", AOT cache)");
        labels.put("org.opencontainers.image.licenses", "Apache-2.0");
        return labels;
    }

    /** The C library's files, the service's user and group, and a /tmp (an emptyDir where the root filesystem is read-only). */
    private static FileEntriesLayer systemLayer(Path generated) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("system");
        for (String pkg : SYSTEM_PACKAGES) {
            for (String listed : packageFiles(pkg)) {
                Path file = Path.of(listed);
                // Listed directories come with the files; links are stored as the files they name.
                if (Files.isRegularFile(file)) {
                    layer.addEntry(file, AbsoluteUnixPath.get(listed), permissions(file), modified(file));
                }
            }
        }
        Path etc = generated.resolve("etc");
        Files.createDirectories(etc);
        Path tmp = Files.createDirectories(generated.resolve("tmp"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\nservice:x:" + USER + ":" + USER
                + ":service:/deployments:/sbin/nologin\n", StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("group"), "root:x:0:\nservice:x:" + USER + ":\n", StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n", StandardCharsets.UTF_8);
        Instant fixed = Instant.EPOCH.plusSeconds(1);
        for (String name : List.of("passwd", "group", "nsswitch.conf")) {
            layer.addEntry(etc.resolve(name), AbsoluteUnixPath.get("/etc/" + name), FilePermissions.fromOctalString("644"), fixed);
        }
        // World-writable like any /tmp (Jib's permissions carry no sticky bit); Kubernetes mounts an emptyDir over it.
        layer.addEntry(tmp, AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"), fixed);
        return layer.build();
    }

    private static FileEntriesLayer applicationLayer(Path application) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("application");
        Path runner = application.resolve("quarkus-run.jar");
        layer.addEntry(runner, WORKING_DIRECTORY.resolve("quarkus-run.jar"), permissions(runner), modified(runner));
        for (String folder : List.of("app", "quarkus")) {
            tree(layer, application.resolve(folder), WORKING_DIRECTORY.resolve(folder), Set.of());
        }
        return layer.build();
    }

    private static FileEntriesLayer tree(String name, Path source, AbsoluteUnixPath target, Set<String> leftOut) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        tree(layer, source, target, leftOut);
        return layer.build();
    }

    /** Every file under {@code source} (links followed), with its permissions and modification time. */
    private static void tree(FileEntriesLayer.Builder layer, Path source, AbsoluteUnixPath target, Set<String> leftOut) throws IOException {
        // Links followed: a distribution's JDK links conf/ and the CA store into /etc.
        try (Stream<Path> files = Files.walk(source, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String relative = source.relativize(file).toString();
                if (leftOut.stream().anyMatch(out -> relative.equals(out) || relative.startsWith(out + "/"))) {
                    continue;
                }
                if (Files.isRegularFile(file)) {
                    layer.addEntry(file, target.resolve(relative), permissions(file), modified(file));
                }
            }
        }
    }

    private static List<String> packageFiles(String pkg) {
        try {
            Process query = new ProcessBuilder("dpkg-query", "-L", pkg).redirectErrorStream(true).start();
            String listing = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (query.waitFor() != 0) {
                throw new IllegalStateException("dpkg-query -L " + pkg + " failed: " + listing.strip());
            }
            return listing.lines().filter(line -> line.startsWith("/")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("The image's system is made of the build host's Debian " + SYSTEM_PACKAGES
                    + " packages, and dpkg-query is not there: build the images on a Debian or Ubuntu host", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static FilePermissions permissions(Path file) {
        try {
            return FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RegistryImage registry(ImageReference reference) {
        RegistryImage image = RegistryImage.named(reference);
        String user = System.getenv("IMAGE_REGISTRY_USERNAME");
        String password = System.getenv("IMAGE_REGISTRY_PASSWORD");
        if (user != null && password != null) {
            return image.addCredential(user, password);
        }
        CredentialRetrieverFactory credentials = CredentialRetrieverFactory.forImage(reference, event -> { });
        return image.addCredentialRetriever(credentials.dockerConfig())
                .addCredentialRetriever(credentials.wellKnownCredentialHelpers());
    }
}
