package dev.mentorship.matching;

import dev.mentorship.devstack.AotTraining;
import dev.mentorship.devstack.AotTraining.Client;
import dev.mentorship.devstack.Platform;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The workload matching-service's AOT cache is trained on when the service is packaged (see
 * {@link AotTraining}): what a program office, mentors and apprentices do in a cohort's first weeks,
 * through every kind of path the service has. Cohorts, mentors and apprentices registered, read and
 * listed (JSON and CSV); a matching round drafted and published; matches proposed one by one,
 * accepted, declined and ended; refused input (malformed JSON, failed validation, unknown ids,
 * missing token, wrong role), which takes the problem+json paths. Its events go out through the
 * outbox relay to Kafka.
 */
public final class AotTrainingWorkload implements AotTraining.Workload {

    private static final int COHORTS = 25;
    private static final String OFFICE = "program-office";

    /** Every mentor's and apprentice's subject by id: a round may propose a mentor registered for an earlier cohort. */
    private final Map<String, String> subjects = new HashMap<>();

    public static void main(String[] args) throws Exception {
        AotTraining.train(Path.of(args[0]), Platform.Service.MATCHING, new AotTrainingWorkload());
    }

    @Override
    public void run(Platform platform, Client client) throws InterruptedException {
        for (int i = 0; i < COHORTS; i++) {
            cohort(client, i);
            refusals(client);
        }
        client.send("GET", "/skills", OFFICE, "office", null, 200);
        client.send("GET", "/q/openapi", null, null, null, 200);
    }

    private void cohort(Client client, int round) throws InterruptedException {
        String cohort = client.post("/cohorts", OFFICE, "office", "{\"name\":\"Training " + round + "\"}", 201).getString("id");
        client.get("/cohorts/" + cohort, OFFICE, "office", 200);
        List<String> mentors = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            String subject = "mentor-" + UUID.randomUUID();
            mentors.add(client.post("/mentors", OFFICE, "office", mentor(subject), 201).getString("id"));
            subjects.put(mentors.getLast(), subject);
        }
        List<String> apprentices = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            String subject = "apprentice-" + UUID.randomUUID();
            apprentices.add(client.post("/apprentices", OFFICE, "office", apprentice(subject, cohort), 201).getString("id"));
            subjects.put(apprentices.getLast(), subject);
        }
        client.get("/mentors/" + mentors.get(0), OFFICE, "office", 200);
        client.get("/apprentices/" + apprentices.get(0), "apprentice", subjects.get(apprentices.get(0)), 200);

        // One match proposed by hand, the rest of the cohort in a round.
        String byHand = client.post("/matches", OFFICE, "office",
                "{\"mentorId\":\"" + mentors.get(0) + "\",\"apprenticeId\":\"" + apprentices.get(0) + "\"}", 201).getString("id");
        client.post("/matches/" + byHand + "/accept", "mentor", subjects.get(mentors.get(0)), null, 200);
        client.post("/matches/" + byHand + "/accept", "apprentice", subjects.get(apprentices.get(0)), null, 200);
        client.get("/matches/" + byHand, "mentor", subjects.get(mentors.get(0)), 200);
        // A round is drafted from the directory, which follows the events: wait until it shows the match, or the
        // round would propose the apprentice again and its publication be refused.
        client.await("/apprentices/" + apprentices.get(0) + "/match", "apprentice", subjects.get(apprentices.get(0)), 200);

        JsonObject draft = client.post("/cohorts/" + cohort + "/matching-rounds", OFFICE, "office", "{}", 201);
        JsonObject published = client.post("/cohorts/" + cohort + "/matching-rounds/" + draft.getString("id") + "/publish", OFFICE, "office",
                null, 200);
        var proposed = published.getJsonArray("matches");
        for (int p = 0; p < proposed.size(); p++) {
            JsonObject pair = proposed.getJsonObject(p);
            String match = pair.getString("matchId");
            String mentor = pair.getString("mentorId");
            String apprentice = pair.getString("apprenticeId");
            if (p % 3 == 2) {
                client.post("/matches/" + match + "/decline", "apprentice", subjects.get(apprentice), "{\"reason\":\"another team\"}", 200);
                continue;
            }
            client.post("/matches/" + match + "/accept", "mentor", subjects.get(mentor), null, 200);
            client.post("/matches/" + match + "/accept", "apprentice", subjects.get(apprentice), null, 200);
            // The directory follows the events: the match shows there a moment after it started.
            client.await("/apprentices/" + apprentice + "/match", "apprentice", subjects.get(apprentice), 200);
            client.get("/mentors/" + mentor + "/apprentices", "mentor", subjects.get(mentor), 200);
        }
        client.post("/matches/" + byHand + "/end", OFFICE, "office", "{\"reason\":\"ENDED_BY_PROGRAM_OFFICE\"}", 200);

        client.get("/mentors?limit=10", OFFICE, "office", 200);
        client.send("GET", "/mentors", OFFICE, "office", null, 200);
        client.get("/matches?cohortId=" + cohort + "&limit=10", OFFICE, "office", 200);
        client.get("/cohorts/" + cohort + "/unmatched", OFFICE, "office", 200);
        client.get("/cohorts/" + cohort + "/time-to-match", OFFICE, "office", 200);
    }

    private static void refusals(Client client) {
        client.send("POST", "/cohorts", OFFICE, "office", "{\"name\":", 400);
        client.send("POST", "/mentors", OFFICE, "office", "{\"name\":\"\"}", 400);
        client.send("GET", "/mentors/not-an-id", OFFICE, "office", null, 404);
        client.send("GET", "/mentors/" + UUID.randomUUID(), OFFICE, "office", null, 404);
        client.send("GET", "/mentors", null, null, null, 401);
        client.send("POST", "/cohorts", "apprentice", "someone", "{\"name\":\"Mine\"}", 403);
    }

    private static String mentor(String subject) {
        return "{\"name\":\"Tammy\",\"email\":\"" + subject + "@example.com\",\"subject\":\"" + subject + "\",\"sreExperienceYears\":6,"
                + "\"skills\":[\"observability\",\"incident-response\"],\"timezone\":\"America/Los_Angeles\",\"capacity\":2,"
                + "\"managerId\":\"manager-a\"}";
    }

    private static String apprentice(String subject, String cohort) {
        return "{\"name\":\"Rona\",\"email\":\"" + subject + "@example.com\",\"subject\":\"" + subject + "\","
                + "\"background\":\"maths teacher, coding bootcamp\",\"goals\":[\"observability\"],\"timezone\":\"America/New_York\","
                + "\"cohortId\":\"" + cohort + "\",\"managerId\":\"manager-b\"}";
    }
}
