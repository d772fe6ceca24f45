package dev.mentorship.feedback;

import dev.mentorship.devstack.AotTraining;
import dev.mentorship.devstack.AotTraining.Client;
import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.devstack.TrainingMatches;
import dev.mentorship.devstack.TrainingMatches.Pair;
import java.nio.file.Path;
import java.util.List;

/**
 * The workload feedback-service's AOT cache is trained on when the service is packaged (see
 * {@link AotTraining}): matches started on matching-service's topic, in batches with repeats and a
 * malformed record (the inbox's store, skip and park paths), then every mentorship read by its two
 * people and refused to others.
 */
public final class AotTrainingWorkload implements AotTraining.Workload {

    private static final int BATCHES = 12;

    public static void main(String[] args) throws Exception {
        AotTraining.train(Path.of(args[0]), Platform.Service.FEEDBACK, new AotTrainingWorkload());
    }

    @Override
    public void run(Platform platform, Client client) throws InterruptedException {
        for (int batch = 0; batch < BATCHES; batch++) {
            List<Pair> pairs = TrainingMatches.startBatch(platform.kafkaBootstrap(), 15);
            // The partitions are consumed independently: each mentorship is awaited.
            for (Pair pair : pairs) {
                client.await("/mentorships/" + pair.matchId(), "mentor", pair.mentorSubject(), 200);
                client.get("/mentorships/" + pair.matchId(), "apprentice", pair.apprenticeSubject(), 200);
                client.get("/mentorships/" + pair.matchId(), "apprentice", "someone-else", 403);
            }
            client.send("GET", "/mentorships/" + TestKafka.newId(), "program-office", "office", null, 404);
            client.send("GET", "/mentorships/" + TestKafka.newId(), null, null, null, 401);
        }
        client.send("GET", "/q/openapi", null, null, null, 200);
    }
}
