package dev.mentorship.devstack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Matches started and ended as matching-service announces them, for the training workloads of the
 * services that consume its events (progress-service, feedback-service): batches of CloudEvents on
 * its topic, with now and then a record the inbox must park (not JSON) and a repeat it must ignore.
 */
public final class TrainingMatches {

    private static final String TOPIC = "mentorship.matching.events";
    private static final String STARTED = "mentorship.matching.MatchStarted.v1";
    private static final String ENDED = "mentorship.matching.MatchEnded.v1";
    private static final String SOURCE = "/matching-service";

    /** One started match and the two people in it. */
    public record Pair(String matchId, String mentorId, String apprenticeId, String mentorSubject, String apprenticeSubject) {

        static Pair random() {
            return new Pair(TestKafka.newId(), TestKafka.newId(), TestKafka.newId(), "mentor-" + TestKafka.newId(),
                    "apprentice-" + TestKafka.newId());
        }
    }

    private TrainingMatches() {
    }

    /**
     * Starts {@code count} matches in one batch, each announced twice (a redelivery), with one
     * malformed record among them; every third match ends in the same batch. Returns the pairs.
     */
    public static List<Pair> startBatch(String bootstrap, int count) {
        List<Pair> pairs = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Pair pair = Pair.random();
            pairs.add(pair);
            String started = TestKafka.newId();
            String body = String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\",\"mentorSubject\":\"%s\","
                    + "\"apprenticeSubject\":\"%s\",\"cohortId\":\"%s\",\"startedAt\":\"%s\"}", pair.matchId, pair.mentorId, pair.apprenticeId,
                    pair.mentorSubject, pair.apprenticeSubject, TestKafka.newId(), Instant.now());
            records.add(TestKafka.record(TOPIC, pair.matchId, TestKafka.cloudEvent(started, STARTED, SOURCE, pair.matchId), body));
            records.add(TestKafka.record(TOPIC, pair.matchId, TestKafka.cloudEvent(started, STARTED, SOURCE, pair.matchId), body));
            if (i % 3 == 2) {
                records.add(TestKafka.record(TOPIC, pair.matchId, TestKafka.cloudEvent(TestKafka.newId(), ENDED, SOURCE, pair.matchId),
                        String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\",\"reason\":\"GRADUATED\",\"endedAt\":\"%s\"}",
                                pair.matchId, pair.mentorId, pair.apprenticeId, Instant.now())));
            }
        }
        String poisoned = TestKafka.newId();
        records.add(TestKafka.record(TOPIC, poisoned, TestKafka.cloudEvent(TestKafka.newId(), STARTED, SOURCE, poisoned), "{not json"));
        TestKafka.publishTogether(bootstrap, records);
        return pairs;
    }
}
