package dev.mentorship.matching.round;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.store.NewIds;
import dev.mentorship.matching.cohort.Cohort;
import dev.mentorship.matching.cohort.CohortCommand;
import dev.mentorship.matching.cohort.CohortDecider;
import dev.mentorship.matching.cohort.CohortEvent;
import dev.mentorship.matching.cohort.CohortResource.WeightsRequest;
import dev.mentorship.matching.cohort.MatchingWeights;
import dev.mentorship.matching.directory.ApprenticeEntry;
import dev.mentorship.matching.directory.MatchRecord;
import dev.mentorship.matching.directory.MentorEntry;
import dev.mentorship.matching.match.MatchProposals;
import dev.mentorship.matching.round.CohortAssignment.ApprenticeCandidate;
import dev.mentorship.matching.round.CohortAssignment.Input;
import dev.mentorship.matching.round.CohortAssignment.MentorCandidate;
import dev.mentorship.matching.round.CohortAssignment.Pair;
import dev.mentorship.matching.round.CohortAssignment.Weights;
import dev.mentorship.matching.round.MatchingRoundResource.Draft;
import dev.mentorship.matching.round.MatchingRoundResource.PairRequest;
import dev.mentorship.matching.round.MatchingRoundResource.Published;
import dev.mentorship.matching.round.MatchingRoundResource.RoundRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drafts and publishes a cohort's matching rounds, for the cohort's owners where it has any (and
 * admins), for the whole program office where it has none. A draft reads the directory projection: it has no
 * effect, so a moment's lag costs at most a draft the publication refuses. Publishing proposes every
 * pair of the draft through {@link MatchProposals}, under the people's locks and on their streams, so
 * the rules of {@code POST /matches} hold for each, and two rounds published at once never propose
 * the same apprentice twice or fill a mentor past capacity.
 */
@ApplicationScoped
public class MatchingRounds {

    private final CommandHandler commands;
    private final Aggregate<CohortCommand, CohortEvent, Cohort> cohorts;
    private final Aggregate<RoundDecider.PublishRound, RoundEvent, Boolean> rounds;
    private final MatchProposals proposals;
    private final ObjectMapper json;

    public MatchingRounds(CommandHandler commands, Aggregate<CohortCommand, CohortEvent, Cohort> cohorts,
            Aggregate<RoundDecider.PublishRound, RoundEvent, Boolean> rounds, MatchProposals proposals, ObjectMapper json) {
        this.commands = commands;
        this.cohorts = cohorts;
        this.rounds = rounds;
        this.proposals = proposals;
        this.json = json;
    }

    /**
     * A new draft for the cohort, stored as a row; {@code createdBy} is the caller's subject, who must
     * be one of the cohort's owners, if it has any, or an admin.
     */
    public Uni<Draft> draft(String cohortId, RoundRequest options, String createdBy, boolean admin, Instant now) {
        String roundId = NewIds.next().toString();
        return Panache.withTransaction(() -> managed(cohortId, createdBy, admin)
                .chain(cohort -> loadInput(cohortId, options, weights(options.weights(), cohort.weights()), now)).chain(input -> {
            CohortAssignment.Result result = CohortAssignment.assign(input);
            Draft draft = new Draft(roundId, cohortId, now, input.weights(), result.proposals(), result.unmatched(), result.totalScore());
            MatchingRound round = new MatchingRound();
            round.roundId = roundId;
            round.cohortId = cohortId;
            round.createdBy = createdBy;
            round.createdAt = now;
            round.draft = write(draft);
            return round.persist().replaceWith(draft);
        }));
    }

    /**
     * Every proposal of the draft becomes a proposed match, or none does: the first a rule refuses
     * (a mentor paused or at capacity, an apprentice withdrawn or matched meanwhile) fails the
     * publication with its reason and nothing is written.
     */
    public Uni<Published> publish(String cohortId, String roundId, CommandContext context, String publishedBy, boolean admin, Instant now) {
        return Panache.withTransaction(() -> managed(cohortId, publishedBy, admin)
                .chain(() -> MatchingRound.<MatchingRound>findById(roundId)).chain(round -> {
            if (round == null || !round.cohortId.equals(cohortId)) {
                throw DomainException.notFound("No matching round " + roundId + " in cohort " + cohortId);
            }
            if (round.publishedAt != null) {
                throw DomainException.invalidTransition("Round " + roundId + " was already published at " + round.publishedAt);
            }
            Draft draft = read(round.draft);
            List<MatchProposals.Pair> pairs = draft.proposals().stream()
                    .map(proposal -> new MatchProposals.Pair(NewIds.next().toString(), proposal.mentorId(), proposal.apprenticeId()))
                    .toList();
            RoundDecider.PublishRound publication = new RoundDecider.PublishRound(roundId, cohortId, pairs.size(),
                    draft.unmatched().size(), now);
            // Every stream written here is read first: the people's, then the round's; the matches' are new.
            return proposals.read(pairs)
                    .chain(standings -> commands.loadInSession(rounds, roundId)
                            .chain(published -> commands.executeOn(rounds, published, publication, context, now))
                            .chain(() -> proposals.propose(pairs, standings, context, now)))
                    .onFailure(DomainException.class).transform(MatchingRounds::redraft)
                    .map(proposed -> {
                        round.publishedAt = now;
                        round.publishedBy = publishedBy;
                        return new Published(roundId, pairs.stream().map(pair -> Map.of("matchId", pair.matchId(),
                                "mentorId", pair.mentorId(), "apprenticeId", pair.apprenticeId())).toList());
                    });
        }));
    }

    /** The cohort, read from its stream, if it exists and {@code subject} may manage it (see {@link Cohort#managedBy}). */
    private Uni<Cohort> managed(String cohortId, String subject, boolean admin) {
        return commands.loadInSession(cohorts, cohortId).map(cohort -> {
            if (!cohort.exists()) {
                throw DomainException.notFound("No cohort " + cohortId);
            }
            CohortDecider.requireManagedBy(cohort.state(), subject, admin);
            return cohort.state();
        });
    }

    /** A rule that refuses one of the draft's proposals refuses the draft: the caller drafts again. */
    private static Throwable redraft(Throwable failure) {
        DomainException refused = (DomainException) failure;
        return refused.kind() == DomainException.Kind.RULE_VIOLATED || refused.kind() == DomainException.Kind.NOT_FOUND
                ? new DomainException(refused.kind(), refused.getMessage() + "; draft a new round")
                : refused;
    }

    private Uni<Input> loadInput(String cohortId, RoundRequest options, Weights weights, Instant now) {
        return ApprenticeEntry.<ApprenticeEntry>list("cohortId = ?1 and status = ?2", cohortId, ApprenticeEntry.WAITING)
                .chain(apprentices -> MentorEntry.<MentorEntry>list("status", "ACTIVE")
                        .chain(mentors -> MatchRecord.<MatchRecord>list("status in ?1 or endReason = ?2",
                                List.of("PROPOSED", "STARTED", "UNDER_REVIEW", "DECLINED"), "REMATCHED").map(records -> {
                            Map<String, Integer> load = new HashMap<>();
                            Map<Pair, String> excluded = new HashMap<>();
                            for (MatchRecord record : records) {
                                if (MatchRecord.OPEN.contains(record.status)) {
                                    load.merge(record.mentorId, 1, Integer::sum);
                                } else if ("DECLINED".equals(record.status)) {
                                    excluded.put(new Pair(record.mentorId, record.apprenticeId),
                                            "declined by the " + String.valueOf(record.declinedBy).toLowerCase());
                                } else if ("REMATCHED".equals(record.endReason)) {
                                    excluded.put(new Pair(record.mentorId, record.apprenticeId), "ended by a rematch");
                                }
                            }
                            if (options.blocks() != null) {
                                options.blocks().forEach(b -> excluded.put(new Pair(b.mentorId(), b.apprenticeId()), "blocked by the program office"));
                            }
                            Set<Pair> pins = new HashSet<>();
                            if (options.pins() != null) {
                                options.pins().forEach(p -> pins.add(new Pair(p.mentorId(), p.apprenticeId())));
                            }
                            List<MentorCandidate> mentorCandidates = mentors.stream().map(m -> new MentorCandidate(m.mentorId,
                                    m.skillList(), ZoneId.of(m.timezone), m.capacity, load.getOrDefault(m.mentorId, 0), m.managerId)).toList();
                            List<ApprenticeCandidate> apprenticeCandidates = apprentices.stream().map(a -> new ApprenticeCandidate(
                                    a.apprenticeId, a.goalList(), ZoneId.of(a.timezone), a.managerId)).toList();
                            checkPins(options, mentorCandidates, apprenticeCandidates);
                            return new Input(mentorCandidates, apprenticeCandidates, excluded, pins, weights, now);
                        })));
    }

    /**
     * A pin the round could not honour was dropped without a word, and one beyond a mentor's capacity
     * was honoured; the program office asked for these pairs, so it hears why one cannot be.
     */
    private static void checkPins(RoundRequest options, List<MentorCandidate> mentors, List<ApprenticeCandidate> apprentices) {
        if (options.pins() == null) {
            return;
        }
        Set<Pair> blocked = new HashSet<>();
        if (options.blocks() != null) {
            options.blocks().forEach(b -> blocked.add(new Pair(b.mentorId(), b.apprenticeId())));
        }
        Map<String, MentorCandidate> mentorById = new HashMap<>();
        mentors.forEach(m -> mentorById.put(m.id(), m));
        Set<String> waiting = new HashSet<>();
        apprentices.forEach(a -> waiting.add(a.id()));
        Set<String> pinnedApprentices = new HashSet<>();
        Map<String, Integer> pinsPerMentor = new HashMap<>();
        for (PairRequest pin : options.pins()) {
            if (blocked.contains(new Pair(pin.mentorId(), pin.apprenticeId()))) {
                throw DomainException.invalidInput("Mentor " + pin.mentorId() + " and apprentice " + pin.apprenticeId()
                        + " are both pinned and blocked");
            }
            if (!pinnedApprentices.add(pin.apprenticeId())) {
                throw DomainException.invalidInput("Apprentice " + pin.apprenticeId() + " is pinned more than once");
            }
            MentorCandidate mentor = mentorById.get(pin.mentorId());
            if (mentor == null) {
                throw DomainException.ruleViolated("Pinned mentor " + pin.mentorId() + " is not an active mentor");
            }
            if (!waiting.contains(pin.apprenticeId())) {
                throw DomainException.ruleViolated("Pinned apprentice " + pin.apprenticeId() + " is not waiting for a match in this cohort");
            }
            int pinned = pinsPerMentor.merge(mentor.id(), 1, Integer::sum);
            int free = Math.max(0, mentor.capacity() - mentor.load());
            if (pinned > free) {
                throw DomainException.ruleViolated("Mentor " + mentor.id() + " has " + free + " free place(s) of " + mentor.capacity()
                        + " and is pinned " + pinned + " time(s)");
            }
        }
    }

    /** The round's own weights where it names them, the cohort's otherwise. */
    private static Weights weights(WeightsRequest request, MatchingWeights cohort) {
        return Weights.of(request == null ? cohort : request.over(cohort));
    }

    private String write(Draft draft) {
        try {
            return json.writeValueAsString(draft);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Draft read(String draft) {
        try {
            return json.readValue(draft, Draft.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored draft is unreadable", e);
        }
    }
}
