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
 * people and refused to others; a third of the apprentices answer the safety questionnaire (low
 * scores raise concerns, which the program office acknowledges and resolves), share it, rate their
 * mentor and read their own trend; the aggregates are read and bad answers refused.
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
            for (int i = 0; i < pairs.size(); i++) {
                Pair pair = pairs.get(i);
                client.await("/mentorships/" + pair.matchId(), "mentor", pair.mentorSubject(), 200);
                client.get("/mentorships/" + pair.matchId(), "apprentice", pair.apprenticeSubject(), 200);
                client.get("/mentorships/" + pair.matchId(), "apprentice", "someone-else", 403);
                if (i % 3 == 0) {
                    safety(client, pair, i % 2 == 0 ? 4 : 1);
                }
            }
            client.send("GET", "/mentorships/" + TestKafka.newId(), "program-office", "office", null, 404);
            client.send("GET", "/mentorships/" + TestKafka.newId(), null, null, null, 401);
        }
        client.get("/questionnaires/safety/current", "apprentice", "padawan", 200);
        client.get("/questionnaires/team-safety/1", "mentor", "jedi", 200);
        client.send("POST", "/assessments", "mentor", "jedi", "{\"questionnaire\":\"team-safety\",\"version\":1,\"answers\":{\"team-1\":2,"
                + "\"team-2\":6,\"team-3\":2,\"team-4\":5,\"team-5\":3,\"team-6\":6,\"team-7\":5}}", 201);
        client.send("POST", "/assessments", "apprentice", "padawan", "{\"questionnaire\":\"safety\",\"version\":1,\"answers\":{}}", 400);
        String cohort = TestKafka.newId();
        client.get("/cohorts/" + cohort + "/safety", "program-office", "office", 200);
        client.get("/cohorts/" + cohort + "/check-in-feedback", "program-office", "office", 200);
        client.get("/cohorts/" + cohort + "/mentor-feedback", "program-office", "office", 200);
        client.get("/mentors/me/feedback", "mentor", "jedi", 200);
        client.get("/concerns?status=RAISED", "program-office", "office", 200);
        client.send("GET", "/q/openapi", null, null, null, 200);
    }

    /** An apprentice's assessment (a low one raises a concern the office handles), shared, their mentor rated, their trend read. */
    private static void safety(Client client, Pair pair, int score) throws InterruptedException {
        StringBuilder answers = new StringBuilder();
        for (String domain : List.of("security", "autonomy", "fairness", "esteem", "trust", "you")) {
            answers.append(answers.isEmpty() ? "" : ",").append(String.format("\"%s-1\":%d,\"%s-2\":%d,\"%s-3\":%d", domain, score, domain, score,
                    domain, 6 - score));
        }
        String id = client.post("/assessments", "apprentice", pair.apprenticeSubject(), "{\"questionnaire\":\"safety\",\"version\":1,"
                + "\"domainsToProgramOffice\":true,\"answers\":{" + answers + "}}", 201).getString("assessmentId");
        client.get("/assessments/mine", "apprentice", pair.apprenticeSubject(), 200);
        client.send("GET", "/assessments/" + id, "program-office", "office", null, 404);
        client.post("/assessments/" + id + "/share", "apprentice", pair.apprenticeSubject(), null, 200);
        client.get("/mentors/me/shared-assessments", "mentor", pair.mentorSubject(), 200);
        client.get("/people/me/safety-trend", "apprentice", pair.apprenticeSubject(), 200);
        StringBuilder ratings = new StringBuilder();
        for (String quality : List.of("SETS_ME_UP_FOR_SUCCESS", "MENTORS", "GIVES_EMOTIONAL_SUPPORT", "ADVOCATES_FOR_ME", "CHECKS_IN",
                "THINKS_OUTSIDE_THE_BOX", "PUSHES_ME_TO_GROW")) {
            ratings.append(ratings.isEmpty() ? "" : ",").append("\"").append(quality).append("\":4");
        }
        client.post("/matches/" + pair.matchId() + "/mentor-feedback", "apprentice", pair.apprenticeSubject(), "{\"ratings\":{" + ratings + "}}", 201);
        String concern = client.post("/concerns", "apprentice", pair.apprenticeSubject(), "{\"matchId\":\"" + pair.matchId() + "\"}", 201)
                .getString("concernId");
        client.post("/concerns/" + concern + "/acknowledge", "program-office", "office", null, 200);
        client.post("/concerns/" + concern + "/resolve", "program-office", "office", null, 200);
    }
}
