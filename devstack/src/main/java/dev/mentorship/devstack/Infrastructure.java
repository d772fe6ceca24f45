package dev.mentorship.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Kafka and PostgreSQL for one test JVM: started on free ports in a temporary folder the first
 * time they are asked for, stopped when the JVM exits.
 */
public final class Infrastructure {

    private static Infrastructure shared;

    private final Postgres postgres;
    private final KafkaBroker kafka;

    private Infrastructure(Postgres postgres, KafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static synchronized Infrastructure shared() {
        if (shared == null) {
            shared = startFresh();
            Infrastructure started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "devstack-stop"));
        }
        return shared;
    }

    private static Infrastructure startFresh() {
        try {
            Path dir = Files.createTempDirectory("mentorship-devstack-");
            Postgres external = Postgres.external();
            int[] free = Ports.free(3);
            Postgres postgres = external != null ? external : Postgres.start(free[0], dir.resolve("pg"), false);
            KafkaBroker kafka = new KafkaBroker(free[1], free[2], dir.resolve("kafka"), true).start();
            return new Infrastructure(postgres, kafka);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Postgres postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    private void stop() {
        kafka.stop();
        postgres.close();
    }
}
