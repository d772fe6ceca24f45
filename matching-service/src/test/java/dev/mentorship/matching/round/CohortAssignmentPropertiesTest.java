package dev.mentorship.matching.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.matching.round.CohortAssignment.ApprenticeCandidate;
import dev.mentorship.matching.round.CohortAssignment.Input;
import dev.mentorship.matching.round.CohortAssignment.MentorCandidate;
import dev.mentorship.matching.round.CohortAssignment.Pair;
import dev.mentorship.matching.round.CohortAssignment.Proposal;
import dev.mentorship.matching.round.CohortAssignment.Result;
import dev.mentorship.matching.round.CohortAssignment.Weights;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the cohort assignment, each checked on 150 random instances. The instances come from
 * fixed seeds, so a failure names the seed that reproduces it.
 */
class CohortAssignmentPropertiesTest {

    private static final List<String> SKILLS = List.of("observability", "incident-response", "on-call", "kubernetes",
            "linux", "networking", "databases", "postmortems");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("America/Los_Angeles"), ZoneId.of("America/New_York"),
            ZoneId.of("Europe/London"), ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Sydney"));
    private static final Instant AT = Instant.parse("2026-03-02T12:00:00Z");

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void never_over_capacity(long seed) {
        Input input = instance(seed);
        Result result = CohortAssignment.assign(input);
        Map<String, Long> given = new HashMap<>();
        result.proposals().forEach(p -> given.merge(p.mentorId(), 1L, Long::sum));
        for (MentorCandidate mentor : input.mentors()) {
            assertThat(mentor.load() + given.getOrDefault(mentor.id(), 0L)).isLessThanOrEqualTo(Math.max(mentor.capacity(), mentor.load()));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void never_an_excluded_pair_and_every_apprentice_once(long seed) {
        Input input = instance(seed);
        Result result = CohortAssignment.assign(input);
        Map<String, MentorCandidate> mentors = new HashMap<>();
        input.mentors().forEach(m -> mentors.put(m.id(), m));
        Map<String, ApprenticeCandidate> apprentices = new HashMap<>();
        input.apprentices().forEach(a -> apprentices.put(a.id(), a));
        Set<String> seen = new HashSet<>();
        for (Proposal proposal : result.proposals()) {
            assertThat(CohortAssignment.exclusion(mentors.get(proposal.mentorId()), apprentices.get(proposal.apprenticeId()), input)).isNull();
            assertThat(seen.add(proposal.apprenticeId())).isTrue();
        }
        result.unmatched().forEach(u -> assertThat(seen.add(u.apprenticeId())).isTrue());
        assertThat(seen).hasSize(input.apprentices().size());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void at_least_as_good_as_greedy(long seed) {
        Input input = instance(seed);
        assertThat(CohortAssignment.assign(input).totalScore()).isGreaterThanOrEqualTo(greedy(input) - 1e-6);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void deterministic_whatever_the_input_order(long seed) {
        Input input = instance(seed);
        List<MentorCandidate> mentors = new ArrayList<>(input.mentors());
        List<ApprenticeCandidate> apprentices = new ArrayList<>(input.apprentices());
        java.util.Collections.shuffle(mentors, new Random(seed + 1));
        java.util.Collections.shuffle(apprentices, new Random(seed + 2));
        Input shuffled = new Input(mentors, apprentices, input.excluded(), input.pinned(), input.weights(), input.at());
        assertThat(CohortAssignment.assign(shuffled)).isEqualTo(CohortAssignment.assign(input));
    }

    static LongStream seeds() {
        return new Random(20260302L).longs(150);
    }

    /** Greedy first-come-first-served: each apprentice in turn takes the best mentor with a free place. */
    static double greedy(Input input) {
        Map<String, Integer> taken = new HashMap<>();
        double total = 0;
        List<ApprenticeCandidate> apprentices = input.apprentices().stream().sorted(Comparator.comparing(ApprenticeCandidate::id)).toList();
        for (ApprenticeCandidate apprentice : apprentices) {
            MentorCandidate best = null;
            double bestScore = -1;
            for (MentorCandidate mentor : input.mentors()) {
                int slot = taken.getOrDefault(mentor.id(), 0);
                if (mentor.load() + slot >= mentor.capacity() || CohortAssignment.exclusion(mentor, apprentice, input) != null) {
                    continue;
                }
                double score = CohortAssignment.factors(mentor, apprentice, slot, input).stream()
                        .mapToDouble(CohortAssignment.Factor::contribution).sum();
                if (score > bestScore) {
                    bestScore = score;
                    best = mentor;
                }
            }
            if (best != null) {
                taken.merge(best.id(), 1, Integer::sum);
                total += bestScore;
            }
        }
        return total;
    }

    static Input instance(long seed) {
        Random random = new Random(seed);
        int mentorCount = 1 + random.nextInt(8);
        int apprenticeCount = 1 + random.nextInt(14);
        List<MentorCandidate> mentors = new ArrayList<>();
        for (int i = 0; i < mentorCount; i++) {
            int capacity = 1 + random.nextInt(3);
            mentors.add(new MentorCandidate("m" + i, pick(random, 1 + random.nextInt(4)), ZONES.get(random.nextInt(ZONES.size())),
                    capacity, random.nextInt(capacity + 1), "boss" + random.nextInt(4)));
        }
        List<ApprenticeCandidate> apprentices = new ArrayList<>();
        for (int i = 0; i < apprenticeCount; i++) {
            apprentices.add(new ApprenticeCandidate("a" + i, pick(random, 1 + random.nextInt(3)), ZONES.get(random.nextInt(ZONES.size())),
                    "boss" + random.nextInt(4)));
        }
        Map<Pair, String> excluded = new HashMap<>();
        for (int i = 0; i < random.nextInt(6); i++) {
            excluded.put(new Pair("m" + random.nextInt(mentorCount), "a" + random.nextInt(apprenticeCount)), "declined");
        }
        Weights weights = new Weights(0.2 + random.nextDouble(), random.nextDouble(), random.nextDouble());
        return new Input(mentors, apprentices, excluded, Set.of(), weights, AT);
    }

    private static List<String> pick(Random random, int count) {
        List<String> shuffled = new ArrayList<>(SKILLS);
        java.util.Collections.shuffle(shuffled, random);
        return List.copyOf(shuffled.subList(0, count));
    }
}
