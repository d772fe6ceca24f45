package dev.mentorship.systemtests.bench;

import dev.mentorship.devstack.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The release the start-up comparison measures against: the last build on JDK 17, run as it was
 * then, with its class-data archive recorded on a first launch. Its sources are taken from git
 * ({@link #REVISION}) and built once with JDK 17 under {@code system-tests/target}; later benchmark
 * runs reuse that build.
 */
record Baseline(Path root, Path java, List<String> jvmOptions) {

    /** The last commit that built and ran on JDK 17. */
    static final String REVISION = "b698648";

    /** Its services' JVM options (Platform.DEFAULT_SERVICE_JVM at that revision), and its archives kept quiet. */
    private static final List<String> OPTIONS = List.of("-Xms32m", "-Xmx128m", "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=48m",
            "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=25", "-XX:MaxHeapFreeRatio=50", "-XX:-TieredCompilation", "-Xss512k",
            "-XX:MaxDirectMemorySize=64m", "-Dio.netty.allocator.numDirectArenas=1", "-XX:+UnlockExperimentalVMOptions",
            "-XX:TrimNativeHeapInterval=5000", "-Xlog:cds*=off");

    /** The baseline, built first if this checkout has not built it yet; JDK 17 from {@code bench.baseline.jdk} or the usual place. */
    static Baseline prepare(Path checkout) throws IOException, InterruptedException {
        Path jdk = Path.of(System.getProperty("bench.baseline.jdk", "/usr/lib/jvm/java-17-openjdk-amd64"));
        Path java = jdk.resolve("bin/java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("The start-up comparison needs a JDK 17 at " + jdk + "; name one with -Dbench.baseline.jdk=");
        }
        Path root = checkout.resolve("system-tests/target/bench-baseline-" + REVISION);
        if (!Files.exists(root.resolve("feedback-service/target/quarkus-app/quarkus-run.jar"))) {
            System.out.println("Building the baseline (" + REVISION + ", JDK 17) once...");
            Files.createDirectories(root);
            run(checkout, List.of("sh", "-c", "git archive " + REVISION + " | tar -x -C '" + root + "'"), jdk);
            run(root, List.of("./mvnw", "-q", "-B", "-DskipTests", "package", "-pl", "matching-service,progress-service,feedback-service", "-am"),
                    jdk);
        }
        return new Baseline(root, java, OPTIONS);
    }

    /** Settings running this baseline's services, with {@code added} options (where each records or maps its archive), on {@code settings}' ports and folder. */
    Platform.Settings settings(Platform.Settings settings, String... added) {
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(List.of(added));
        return settings.withServices(root, java, options);
    }

    private static void run(Path directory, List<String> command, Path jdk) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).inheritIO();
        builder.environment().put("JAVA_HOME", jdk.toString());
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("Building the baseline failed: " + String.join(" ", command));
        }
    }
}
