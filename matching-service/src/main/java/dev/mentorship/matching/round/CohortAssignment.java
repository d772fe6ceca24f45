package dev.mentorship.matching.round;

import dev.mentorship.matching.cohort.MatchingWeights;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jgrapht.alg.flow.mincost.CapacityScalingMinimumCostFlow;
import org.jgrapht.alg.flow.mincost.MinimumCostFlowProblem;
import org.jgrapht.alg.interfaces.MinimumCostFlowAlgorithm;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedMultigraph;

/**
 * Assigns a whole cohort at once so that the total score is as high as it can be under every
 * mentor's capacity: a minimum-cost flow from apprentices through mentors' free places to a sink,
 * where each apprentice may also stay unmatched at no gain. Pure and deterministic: the same input
 * gives the same proposals, in the same order.
 *
 * <p>A pair's score is the sum of explicit factors, each weighted per cohort: the share of the
 * apprentice's goals the mentor offers, the overlap of their working hours, and how free the mentor
 * still is (each extra apprentice in a round counts, so work spreads across mentors). A pair that
 * covers none of the goals, a pair with the same manager, and a pair that was declined, ended by a
 * rematch or blocked by the program office are never proposed.
 */
public final class CohortAssignment {

    /** Weights of the score factors; each factor's value lies in [0, 1]. Valid as {@link MatchingWeights} are. */
    public record Weights(double goals, double workingHours, double availability) {

        public static Weights standard() {
            return of(MatchingWeights.standard());
        }

        public static Weights of(MatchingWeights weights) {
            return new Weights(weights.goals(), weights.workingHours(), weights.availability());
        }

        public Weights {
            String problem = MatchingWeights.problem(goals, workingHours, availability);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
    }

    public record MentorCandidate(String id, List<String> skills, ZoneId zone, int capacity, int load, String managerId) {
    }

    public record ApprenticeCandidate(String id, List<String> goals, ZoneId zone, String managerId) {
    }

    public record Pair(String mentorId, String apprenticeId) {
    }

    /** {@code excluded} maps a pair to why it may not be proposed (declined, ended by rematch, blocked). */
    public record Input(List<MentorCandidate> mentors, List<ApprenticeCandidate> apprentices, Map<Pair, String> excluded,
            Set<Pair> pinned, Weights weights, Instant at) {
    }

    public record Factor(String name, double value, double contribution) {
    }

    /** A mentor who would have scored higher for this apprentice, and why they were not chosen. */
    public record NotChosen(String mentorId, double score, String reason) {
    }

    public record Proposal(String mentorId, String apprenticeId, double score, List<Factor> factors, boolean pinned,
            List<NotChosen> higherScoringNotChosen) {
    }

    public record Unmatched(String apprenticeId, String reason) {
    }

    public record Result(List<Proposal> proposals, List<Unmatched> unmatched, double totalScore) {
    }

    private static final long SCALE = 1_000_000L;
    private static final int WORKDAY_START = 9;
    private static final int WORKDAY_HOURS = 8;

    private CohortAssignment() {
    }

    public static Result assign(Input input) {
        List<MentorCandidate> mentors = input.mentors().stream().sorted(Comparator.comparing(MentorCandidate::id)).toList();
        List<ApprenticeCandidate> apprentices = input.apprentices().stream().sorted(Comparator.comparing(ApprenticeCandidate::id)).toList();
        Map<String, MentorCandidate> mentorById = new LinkedHashMap<>();
        mentors.forEach(m -> mentorById.put(m.id(), m));
        Map<String, Integer> taken = new HashMap<>();
        Map<String, Proposal> chosen = new LinkedHashMap<>();

        // Pins first: the program office decided these, whatever the score.
        for (ApprenticeCandidate apprentice : apprentices) {
            for (Pair pin : input.pinned()) {
                MentorCandidate mentor = mentorById.get(pin.mentorId());
                if (pin.apprenticeId().equals(apprentice.id()) && mentor != null && !chosen.containsKey(apprentice.id())) {
                    int slot = taken.merge(mentor.id(), 1, Integer::sum) - 1;
                    List<Factor> factors = factors(mentor, apprentice, slot, input);
                    chosen.put(apprentice.id(), new Proposal(mentor.id(), apprentice.id(), sum(factors), factors, true, List.of()));
                }
            }
        }

        List<ApprenticeCandidate> open = apprentices.stream().filter(a -> !chosen.containsKey(a.id())).toList();
        Map<String, String> flowChoice = solve(open, mentors, taken, input);
        for (ApprenticeCandidate apprentice : open) {
            String mentorId = flowChoice.get(apprentice.id());
            if (mentorId != null) {
                MentorCandidate mentor = mentorById.get(mentorId);
                int slot = taken.merge(mentorId, 1, Integer::sum) - 1;
                List<Factor> factors = factors(mentor, apprentice, slot, input);
                chosen.put(apprentice.id(), new Proposal(mentorId, apprentice.id(), sum(factors), factors, false, List.of()));
            }
        }

        List<Proposal> proposals = new ArrayList<>();
        List<Unmatched> unmatched = new ArrayList<>();
        for (ApprenticeCandidate apprentice : apprentices) {
            Proposal proposal = chosen.get(apprentice.id());
            if (proposal == null) {
                unmatched.add(new Unmatched(apprentice.id(), whyUnmatched(apprentice, mentors, input)));
            } else {
                proposals.add(withAlternatives(proposal, apprentice, mentors, input));
            }
        }
        double total = proposals.stream().mapToDouble(Proposal::score).sum();
        return new Result(proposals, unmatched, total);
    }

    /** The reason a pair may never be proposed, or null when it may. */
    public static String exclusion(MentorCandidate mentor, ApprenticeCandidate apprentice, Input input) {
        String excluded = input.excluded().get(new Pair(mentor.id(), apprentice.id()));
        if (excluded != null) {
            return excluded;
        }
        if (mentor.managerId() != null && Objects.equals(mentor.managerId(), apprentice.managerId())) {
            return "same reporting line (both report to " + mentor.managerId() + ")";
        }
        if (goalCoverage(mentor, apprentice) == 0) {
            return "offers none of the apprentice's goals";
        }
        return null;
    }

    /** The score factors for giving {@code mentor}'s {@code slot}-th free place in this round to {@code apprentice}. */
    public static List<Factor> factors(MentorCandidate mentor, ApprenticeCandidate apprentice, int slot, Input input) {
        Weights w = input.weights();
        double coverage = goalCoverage(mentor, apprentice);
        double overlap = workingHoursOverlap(mentor.zone(), apprentice.zone(), input.at());
        double availability = mentor.capacity() <= 0 ? 0 : Math.max(0, 1.0 - (double) (mentor.load() + slot) / mentor.capacity());
        return List.of(
                new Factor("goals-covered", coverage, round(w.goals() * coverage)),
                new Factor("working-hours-overlap", overlap, round(w.workingHours() * overlap)),
                new Factor("mentor-availability", availability, round(w.availability() * availability)));
    }

    static double goalCoverage(MentorCandidate mentor, ApprenticeCandidate apprentice) {
        if (apprentice.goals().isEmpty()) {
            return 0;
        }
        Set<String> offered = new HashSet<>(mentor.skills());
        long covered = apprentice.goals().stream().filter(offered::contains).count();
        return (double) covered / apprentice.goals().size();
    }

    /** Share of an 8-hour working day (09:00–17:00 local) that two time zones have in common on the round's date. */
    static double workingHoursOverlap(ZoneId a, ZoneId b, Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        ZonedDateTime aStart = day.atTime(WORKDAY_START, 0).atZone(a);
        ZonedDateTime bStart = day.atTime(WORKDAY_START, 0).atZone(b);
        // Compare the same working day; shifting b by whole days finds the closest alignment across the date line.
        long best = 0;
        for (int shift = -1; shift <= 1; shift++) {
            Instant s1 = aStart.toInstant();
            Instant e1 = s1.plus(Duration.ofHours(WORKDAY_HOURS));
            Instant s2 = bStart.plusDays(shift).toInstant();
            Instant e2 = s2.plus(Duration.ofHours(WORKDAY_HOURS));
            long overlap = Math.max(0, Math.min(e1.toEpochMilli(), e2.toEpochMilli()) - Math.max(s1.toEpochMilli(), s2.toEpochMilli()));
            best = Math.max(best, overlap);
        }
        return (double) best / Duration.ofHours(WORKDAY_HOURS).toMillis();
    }

    private static Map<String, String> solve(List<ApprenticeCandidate> apprentices, List<MentorCandidate> mentors,
            Map<String, Integer> takenByPins, Input input) {
        DirectedWeightedMultigraph<String, DefaultWeightedEdge> graph = new DirectedWeightedMultigraph<>(DefaultWeightedEdge.class);
        String sink = "sink";
        graph.addVertex(sink);
        // Costs are shifted to be non-negative: every apprentice sends one unit either through a mentor
        // (edge + slot) or along its bypass; the shift is the same for both, so the minimum-cost flow
        // is the maximum-score assignment.
        long edgeShift = SCALE;
        long slotShift = SCALE;
        Map<DefaultWeightedEdge, String[]> pairEdges = new HashMap<>();
        Map<String, Integer> supplies = new HashMap<>();
        for (MentorCandidate mentor : mentors) {
            int free = mentor.capacity() - mentor.load() - takenByPins.getOrDefault(mentor.id(), 0);
            if (free <= 0) {
                continue;
            }
            String node = "m:" + mentor.id();
            graph.addVertex(node);
            int pinned = takenByPins.getOrDefault(mentor.id(), 0);
            for (int slot = 0; slot < free; slot++) {
                double availability = Math.max(0, 1.0 - (double) (mentor.load() + pinned + slot) / mentor.capacity());
                DefaultWeightedEdge e = graph.addEdge(node, sink);
                graph.setEdgeWeight(e, slotShift - Math.round(SCALE * input.weights().availability() * availability));
            }
        }
        for (ApprenticeCandidate apprentice : apprentices) {
            String node = "a:" + apprentice.id();
            graph.addVertex(node);
            supplies.put(node, 1);
            DefaultWeightedEdge bypass = graph.addEdge(node, sink);
            graph.setEdgeWeight(bypass, edgeShift + slotShift);
            for (MentorCandidate mentor : mentors) {
                String mentorNode = "m:" + mentor.id();
                if (!graph.containsVertex(mentorNode) || exclusion(mentor, apprentice, input) != null) {
                    continue;
                }
                double gain = input.weights().goals() * goalCoverage(mentor, apprentice)
                        + input.weights().workingHours() * workingHoursOverlap(mentor.zone(), apprentice.zone(), input.at());
                DefaultWeightedEdge e = graph.addEdge(node, mentorNode);
                graph.setEdgeWeight(e, edgeShift - Math.round(SCALE * gain));
                pairEdges.put(e, new String[] {apprentice.id(), mentor.id()});
            }
        }
        supplies.put(sink, -apprentices.size());
        Map<String, String> choice = new HashMap<>();
        if (apprentices.isEmpty()) {
            return choice;
        }
        MinimumCostFlowProblem<String, DefaultWeightedEdge> problem = new MinimumCostFlowProblem.MinimumCostFlowProblemImpl<>(
                graph, v -> supplies.getOrDefault(v, 0), e -> 1);
        MinimumCostFlowAlgorithm.MinimumCostFlow<DefaultWeightedEdge> flow = new CapacityScalingMinimumCostFlow<String, DefaultWeightedEdge>()
                .getMinimumCostFlow(problem);
        flow.getFlowMap().forEach((edge, amount) -> {
            String[] pair = pairEdges.get(edge);
            if (pair != null && amount > 0.5) {
                choice.put(pair[0], pair[1]);
            }
        });
        return choice;
    }

    private static Proposal withAlternatives(Proposal proposal, ApprenticeCandidate apprentice, List<MentorCandidate> mentors,
            Input input) {
        List<NotChosen> better = new ArrayList<>();
        for (MentorCandidate mentor : mentors) {
            if (mentor.id().equals(proposal.mentorId())) {
                continue;
            }
            double score = sum(factors(mentor, apprentice, 0, input));
            if (score <= proposal.score()) {
                continue;
            }
            String excluded = exclusion(mentor, apprentice, input);
            String reason;
            if (excluded != null) {
                reason = "excluded: " + excluded;
            } else if (mentor.load() >= mentor.capacity()) {
                reason = "at capacity (" + mentor.load() + " of " + mentor.capacity() + ")";
            } else if (proposal.pinned()) {
                reason = "the program office pinned this pair";
            } else {
                reason = "capacity: their free places went to other apprentices, which gives the cohort a higher total score";
            }
            better.add(new NotChosen(mentor.id(), round(score), reason));
        }
        better.sort(Comparator.comparing(NotChosen::score).reversed().thenComparing(NotChosen::mentorId));
        return new Proposal(proposal.mentorId(), proposal.apprenticeId(), round(proposal.score()), proposal.factors(),
                proposal.pinned(), List.copyOf(better));
    }

    private static String whyUnmatched(ApprenticeCandidate apprentice, List<MentorCandidate> mentors, Input input) {
        List<MentorCandidate> covering = mentors.stream().filter(m -> goalCoverage(m, apprentice) > 0).toList();
        if (covering.isEmpty()) {
            return "no active mentor offers any of the goals " + apprentice.goals();
        }
        List<MentorCandidate> allowed = covering.stream().filter(m -> exclusion(m, apprentice, input) == null).toList();
        if (allowed.isEmpty()) {
            return "every mentor offering these goals is excluded for this apprentice (declined, ended by rematch, "
                    + "blocked, or same reporting line)";
        }
        return "the " + allowed.size() + " mentor(s) who could take this apprentice have no free place left in this round";
    }

    private static double sum(List<Factor> factors) {
        return round(factors.stream().mapToDouble(Factor::contribution).sum());
    }

    private static double round(double value) {
        return Math.round(value * SCALE) / (double) SCALE;
    }
}
