package dev.mentorship.progress;

import dev.mentorship.devstack.AotTraining;
import dev.mentorship.devstack.AotTraining.Client;
import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.devstack.TrainingMatches;
import dev.mentorship.devstack.TrainingMatches.Pair;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The workload progress-service's AOT cache is trained on when the service is packaged (see
 * {@link AotTraining}): matches started and ended on matching-service's topic, in batches with
 * repeats and a malformed record (the inbox's store, skip and park paths), then every apprentice's
 * progress read by the people allowed to and refused to the others; a third of them work on a
 * milestone, log a shadowed shift and check in, and their timeline, mentor's list and progress as of
 * an instant are read; interview loops and curriculum moves are refused for apprentices not ready.
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
                    journey(client, pair);
                }
            }
            client.send("GET", "/apprentices/" + TestKafka.newId() + "/progress", "program-office", "office", null, 404);
            client.send("GET", "/apprentices/" + TestKafka.newId() + "/progress", null, null, null, 401);
        }
        client.get("/curricula/current", "apprentice", "padawan", 200);
        client.get("/curricula/1", "mentor", "jedi", 200);
        client.send("POST", "/curricula", "program-office", "office", "{\"milestones\":[]}", 400);
        client.send("POST", "/curricula", "mentor", "jedi", "{\"milestones\":[]}", 403);
        client.send("GET", "/cohorts/" + TestKafka.newId() + "/progress", "program-office", "office", null, 200);
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

    /** A shift, a check-in with a cadence, the read models, and what the program office may not do yet. */
    private static void journey(Client client, Pair pair) {
        String apprentice = "/apprentices/" + pair.apprenticeId();
        String match = "/matches/" + pair.matchId();
        Instant end = Instant.now().minus(Duration.ofHours(1));
        client.send("POST", apprentice + "/shadow-shifts", "apprentice", pair.apprenticeSubject(), String.format(
                "{\"start\":\"%s\",\"end\":\"%s\",\"incidentsObserved\":1,\"notes\":\"A quiet night.\"}", end.minus(Duration.ofHours(12)), end), 201);
        client.send("POST", apprentice + "/shadow-shifts", "apprentice", pair.apprenticeSubject(), "{\"start\":\"later\"}", 400);
        client.send("PUT", match + "/check-in-cadence", "mentor", pair.mentorSubject(), "{\"days\":14}", 200);
        client.send("POST", match + "/check-ins", "apprentice", pair.apprenticeSubject(), String.format(
                "{\"date\":\"%s\",\"minutes\":30,\"topics\":[\"traces\"],\"notes\":\"Went well.\"}", LocalDate.now(ZoneOffset.UTC)), 201);
        client.send("POST", match + "/check-ins", "apprentice", pair.apprenticeSubject(), String.format(
                "{\"date\":\"%s\",\"minutes\":30}", LocalDate.now(ZoneOffset.UTC).plusDays(3)), 400);
        client.get(match + "/check-ins", "program-office", "office", 200);
        client.get(apprentice + "/progress?asOf=" + Instant.now().minus(Duration.ofMinutes(1)), "apprentice", pair.apprenticeSubject(), 200);
        client.send("GET", apprentice + "/progress?asOf=soon", "program-office", "office", null, 400);
        client.get(apprentice + "/timeline?limit=5", "mentor", pair.mentorSubject(), 200);
        client.get("/mentors/me/apprentices", "mentor", pair.mentorSubject(), 200);
        client.send("POST", apprentice + "/interview-loops", "program-office", "office", String.format("{\"scheduledFor\":\"%s\"}",
                Instant.now().plus(Duration.ofDays(7))), 409);
        client.send("POST", apprentice + "/curriculum", "program-office", "office", "{\"version\":1}", 409);
    }

    private static String progress(Pair pair) {
        return "/apprentices/" + pair.apprenticeId() + "/progress";
    }
}
