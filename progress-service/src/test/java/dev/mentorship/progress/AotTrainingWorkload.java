package dev.mentorship.progress;

import dev.mentorship.devstack.AotTraining;
import dev.mentorship.devstack.AotTraining.Client;
import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.devstack.TrainingMatches;
import dev.mentorship.devstack.TrainingMatches.Pair;
import java.nio.file.Path;
import java.util.List;

/**
 * The workload progress-service's AOT cache is trained on when the service is packaged (see
 * {@link AotTraining}): matches started and ended on matching-service's topic, in batches with
 * repeats and a malformed record (the inbox's store, skip and park paths), then every apprentice's
 * progress read by the people allowed to and refused to the others.
 */
public final class AotTrainingWorkload implements AotTraining.Workload {

    private static final int BATCHES = 12;

    public static void main(String[] args) throws Exception {
        AotTraining.train(Path.of(args[0]), Platform.Service.PROGRESS, new AotTrainingWorkload());
    }

    @Override
    public void run(Platform platform, Client client) throws InterruptedException {
        for (int batch = 0; batch < BATCHES; batch++) {
            List<Pair> pairs = TrainingMatches.startBatch(platform.kafkaBootstrap(), 15);
            // The partitions are consumed independently: each view is awaited in the state its events lead to.
            for (int i = 0; i < pairs.size(); i++) {
                Pair pair = pairs.get(i);
                client.await(progress(pair), "apprentice", pair.apprenticeSubject(), 200);
                // Every third match has ended in its batch: its former mentor no longer reads the progress.
                client.await(progress(pair), "mentor", pair.mentorSubject(), i % 3 == 2 ? 403 : 200);
                client.get(progress(pair), "apprentice", "someone-else", 403);
                client.get(progress(pair), "program-office", "office", 200);
                if (i % 3 == 0) {
                    milestone(client, pair);
                }
            }
            client.send("GET", "/apprentices/" + TestKafka.newId() + "/progress", "program-office", "office", null, 404);
            client.send("GET", "/apprentices/" + TestKafka.newId() + "/progress", null, null, null, 401);
        }
        client.get("/curricula/current", "apprentice", "padawan", 200);
        client.get("/curricula/1", "mentor", "jedi", 200);
        client.send("POST", "/curricula", "program-office", "office", "{\"milestones\":[]}", 400);
        client.send("POST", "/curricula", "mentor", "jedi", "{\"milestones\":[]}", 403);
        client.send("GET", "/q/openapi", null, null, null, 200);
    }

    /** A milestone through its whole life: started, evidence in, returned, evidence again, signed off. */
    private static void milestone(Client client, Pair pair) {
        String milestone = "/apprentices/" + pair.apprenticeId() + "/milestones/trace-the-failing-endpoint/";
        String evidence = "{\"links\":[\"https://git.example.com/sre/shop/pull/42\"],\"notes\":\"Found it in the traces.\"}";
        client.post(milestone + "start", "apprentice", pair.apprenticeSubject(), null, 200);
        client.post(milestone + "evidence", "apprentice", pair.apprenticeSubject(), evidence, 200);
        client.post(milestone + "return", "mentor", pair.mentorSubject(), "{\"comment\":\"Add the dashboard.\"}", 200);
        client.post(milestone + "evidence", "apprentice", pair.apprenticeSubject(), evidence, 200);
        client.send("POST", milestone + "sign-off", "mentor", "someone-else", null, 403);
        client.post(milestone + "sign-off", "mentor", pair.mentorSubject(), null, 200);
        client.send("POST", milestone + "evidence", "apprentice", pair.apprenticeSubject(), "{\"links\":[]}", 400);
    }

    private static String progress(Pair pair) {
        return "/apprentices/" + pair.apprenticeId() + "/progress";
    }
}
