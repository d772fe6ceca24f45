package dev.mentorship.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker (the version the Quarkus BOM manages) in its own JVM,
 * listening on 127.0.0.1 only. Data lives in {@code dataDir}, so a restart on the same directory
 * keeps topics and offsets.
 */
public final class KafkaBroker implements AutoCloseable {

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final boolean watchParent;
    private final boolean topicsOnFirstUse;
    private Process process;

    public KafkaBroker(int port, int controllerPort, Path dataDir, boolean watchParent) {
        this(port, controllerPort, dataDir, watchParent, true);
    }

    /**
     * With {@code topicsOnFirstUse} false the broker creates no topic a client merely names
     * ({@code auto.create.topics.enable=false}), as production clusters are usually set up: whatever
     * runs on it must create its topics, as the services do.
     */
    public KafkaBroker(int port, int controllerPort, Path dataDir, boolean watchParent, boolean topicsOnFirstUse) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.watchParent = watchParent;
        this.topicsOnFirstUse = topicsOnFirstUse;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** Formats the storage on first use, starts the broker and waits until it answers. */
    public KafkaBroker start() {
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig();
            Path logConfig = writeLogConfig();
            List<String> jvm = List.of("-Xms128m", "-Xmx384m", "-XX:+UseSerialGC",
                    "-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider",
                    "-Dlog4j2.configurationFile=" + logConfig, "-Dkafka.logs.dir=" + dataDir.resolve("logs"),
                    "-cp", classpath());
            Path log = dataDir.resolve("broker.out");
            if (!Files.exists(dataDir.resolve("kraft/meta.properties"))) {
                Process format = JavaProcess.start(jvm, List.of("kafka.tools.StorageTool", "format", "-t",
                        Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"), Map.of(), log);
                if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    throw new IllegalStateException("Formatting Kafka storage failed; see " + log);
                }
            }
            List<String> program = new ArrayList<>();
            if (watchParent) {
                program.addAll(List.of(ParentWatch.class.getName(), Long.toString(ProcessHandle.current().pid())));
            }
            program.addAll(List.of("kafka.Kafka", config.toString()));
            process = JavaProcess.start(JavaProcess.currentJava(), jvm, program, Map.of(), log, !watchParent);
            awaitReady(Duration.ofSeconds(60), log);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the broker the way an operator would (SIGTERM); the data stays. */
    public void stop() {
        if (process != null) {
            JavaProcess.stop(process.toHandle(), 30);
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady(Duration timeout, Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + log);
            }
            if (Ports.listening(port)) {
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers(),
                        "request.timeout.ms", 2000, "default.api.timeout.ms", 2000))) {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    // the controller is still electing itself
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Kafka did not become ready within " + timeout + "; see " + log);
    }

    private Path writeConfig() throws IOException {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("kraft"),
                "num.partitions=3",
                "auto.create.topics.enable=" + topicsOnFirstUse,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "");
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, properties, StandardCharsets.UTF_8);
        return file;
    }

    private Path writeLogConfig() throws IOException {
        String config = String.join("\n",
                "status = error",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.kafka.name = kafka.server.KafkaRaftServer",
                "logger.kafka.level = info",
                "");
        Path file = dataDir.resolve("log4j2.properties");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        return file;
    }

    /** The broker's class path, written by the devstack build from its own dependencies. */
    public static String classpath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/devstack/kafka.classpath")) {
            if (in == null) {
                throw new IllegalStateException("devstack/kafka.classpath is missing: build the devstack module first");
            }
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return selfLocation() + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where devstack's own classes are (a jar or a classes folder), for ParentWatch in the child. */
    private static String selfLocation() {
        String url = String.valueOf(KafkaBroker.class.getResource("/devstack/kafka.classpath"));
        String marker = "/devstack/kafka.classpath";
        String root = url.substring(0, url.length() - marker.length());
        if (root.startsWith("jar:")) {
            root = root.substring(4, root.length() - (root.endsWith("!") ? 1 : 0));
        }
        return Path.of(java.net.URI.create(root)).toString();
    }
}
