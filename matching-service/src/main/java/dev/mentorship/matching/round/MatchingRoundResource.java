package dev.mentorship.matching.round;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.reactive.InOrder;
import dev.mentorship.eventsourcing.store.NewIds;
import dev.mentorship.matching.Ids;
import dev.mentorship.matching.cohort.Cohort;
import dev.mentorship.matching.cohort.CohortCommand;
import dev.mentorship.matching.cohort.CohortEvent;
import dev.mentorship.matching.cohort.CohortResource.WeightsRequest;
import dev.mentorship.matching.cohort.MatchingWeights;
import dev.mentorship.matching.directory.ApprenticeEntry;
import dev.mentorship.matching.directory.MatchRecord;
import dev.mentorship.matching.directory.MentorEntry;
import dev.mentorship.matching.match.Match;
import dev.mentorship.matching.match.MatchCommand;
import dev.mentorship.matching.match.MatchCommand.ProposeMatch;
import dev.mentorship.matching.match.MatchEvent;
import dev.mentorship.matching.round.CohortAssignment.ApprenticeCandidate;
import dev.mentorship.matching.round.CohortAssignment.Input;
import dev.mentorship.matching.round.CohortAssignment.MentorCandidate;
import dev.mentorship.matching.round.CohortAssignment.Pair;
import dev.mentorship.matching.round.CohortAssignment.Weights;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/cohorts/{cohortId}/matching-rounds")
@Tag(name = "Matching rounds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MatchingRoundResource {

    public record PairRequest(@Schema(examples = "3f6c2a9e-7d41-4c1b-9a55-0b2e8f1d4c77") @NotBlank String mentorId, @Schema(examples = "9b1d7e42-2c3a-4f8e-b6d0-5a4c3e2f1b88") @NotBlank String apprenticeId) {
    }

    /** Everything is optional: without a body the cohort is matched with its own weights. */
    public record RoundRequest(@Schema(description = "This draft's weights; absent: the cohort's") @Valid WeightsRequest weights,
            @Schema(description = "Pairs to propose whatever their score; each names an active mentor with a free place and "
                    + "an apprentice of the cohort who is waiting, at most once") List<@NotNull @Valid PairRequest> pins,
            @Schema(description = "Pairs never to propose") List<@NotNull @Valid PairRequest> blocks) {
    }

    public record Draft(String id, String cohortId, Instant createdAt, Weights weights,
            List<CohortAssignment.Proposal> proposals, List<CohortAssignment.Unmatched> unmatched, double totalScore) {
    }

    public record Published(String id, List<Map<String, String>> matches) {
    }

    private final CommandHandler commands;
    private final Aggregate<CohortCommand, CohortEvent, Cohort> cohorts;
    private final Aggregate<MatchCommand, MatchEvent, Match> matches;
    private final Aggregate<RoundDecider.PublishRound, RoundEvent, Boolean> rounds;
    private final Caller caller;
    private final Clock clock;
    private final ObjectMapper json;

    public MatchingRoundResource(CommandHandler commands, Aggregate<CohortCommand, CohortEvent, Cohort> cohorts,
            Aggregate<MatchCommand, MatchEvent, Match> matches, Aggregate<RoundDecider.PublishRound, RoundEvent, Boolean> rounds,
            Caller caller, Clock clock, ObjectMapper json) {
        this.rounds = rounds;
        this.commands = commands;
        this.cohorts = cohorts;
        this.matches = matches;
        this.caller = caller;
        this.clock = clock;
        this.json = json;
    }

    @POST
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Draft a matching round for the whole cohort",
            description = "Assigns every waiting apprentice at once to maximise the total score under mentors' capacity. "
                    + "Each proposal lists its factors and, for every higher-scoring mentor not chosen, why not. "
                    + "A draft has no effect until it is published; every call makes a new draft.")
    public Uni<RestResponse<Draft>> draft(@PathParam("cohortId") String cohortId, @Valid RoundRequest request) {
        Ids.parse(cohortId, "cohort");
        RoundRequest options = request == null ? new RoundRequest(null, null, null) : request;
        Instant now = clock.instant();
        String roundId = NewIds.next().toString();
        return Panache.withTransaction(() -> commands.loadInSession(cohorts, cohortId).chain(cohort -> {
            if (!cohort.exists()) {
                throw DomainException.notFound("No cohort " + cohortId);
            }
            return loadInput(cohortId, options, weights(options.weights(), cohort.state().weights()), now);
        }).chain(input -> {
            CohortAssignment.Result result = CohortAssignment.assign(input);
            Draft draft = new Draft(roundId, cohortId, now, input.weights(), result.proposals(), result.unmatched(), result.totalScore());
            MatchingRound round = new MatchingRound();
            round.roundId = roundId;
            round.cohortId = cohortId;
            round.createdBy = caller.subject();
            round.createdAt = now;
            round.draft = write(draft);
            return round.persist().replaceWith(draft);
        })).map(draft -> RestResponse.ResponseBuilder.<Draft>created(URI.create("/cohorts/" + cohortId + "/matching-rounds/" + roundId))
                .entity(draft).build());
    }

    @POST
    @Path("/{roundId}/publish")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Publish a draft round: each proposal becomes a proposed match (MatchProposed)",
            description = "409 when the round was already published or when the cohort changed since the draft (an apprentice "
                    + "is no longer waiting); draft a new round then.")
    public Uni<Published> publish(@PathParam("cohortId") String cohortId, @PathParam("roundId") String roundId) {
        Ids.parse(cohortId, "cohort");
        Ids.parse(roundId, "matching round");
        Instant now = clock.instant();
        return Panache.withTransaction(() -> MatchingRound.<MatchingRound>findById(roundId).chain(round -> {
            if (round == null || !round.cohortId.equals(cohortId)) {
                throw DomainException.notFound("No matching round " + roundId + " in cohort " + cohortId);
            }
            if (round.publishedAt != null) {
                throw DomainException.invalidTransition("Round " + roundId + " was already published at " + round.publishedAt);
            }
            Draft draft = read(round.draft);
            round.publishedAt = now;
            round.publishedBy = caller.subject();
            RoundDecider.PublishRound publication = new RoundDecider.PublishRound(roundId, cohortId, draft.proposals().size(),
                    draft.unmatched().size(), now);
            Uni<List<Map<String, String>>> proposals = InOrder.map(draft.proposals(), proposal -> propose(proposal, cohortId, now)
                    .map(matchId -> Map.of("matchId", matchId, "mentorId", proposal.mentorId(), "apprenticeId", proposal.apprenticeId())));
            return commands.execute(rounds, roundId, publication, caller.context(), now)
                    .chain(() -> proposals)
                    .map(published -> new Published(roundId, published));
        }));
    }

    private Uni<String> propose(CohortAssignment.Proposal proposal, String cohortId, Instant now) {
        return ApprenticeEntry.<ApprenticeEntry>findById(proposal.apprenticeId()).chain(apprentice -> {
            if (apprentice == null || !ApprenticeEntry.WAITING.equals(apprentice.status)) {
                throw DomainException.invalidTransition("Apprentice " + proposal.apprenticeId()
                        + " is no longer waiting for a match; draft a new round");
            }
            return MentorEntry.<MentorEntry>findById(proposal.mentorId()).chain(mentor -> {
                String matchId = NewIds.next().toString();
                ProposeMatch command = new ProposeMatch(matchId, mentor.mentorId, apprentice.apprenticeId, mentor.subject,
                        apprentice.subject, cohortId, now);
                // Keep the directory in step inside this transaction, so a second publish or draft sees it at once.
                apprentice.status = ApprenticeEntry.PROPOSED;
                return commands.executeNew(matches, matchId, command, caller.context(), now).replaceWith(matchId);
            });
        });
    }

    private Uni<Input> loadInput(String cohortId, RoundRequest options, Weights weights, Instant now) {
        return ApprenticeEntry.<ApprenticeEntry>list("cohortId = ?1 and status = ?2", cohortId, ApprenticeEntry.WAITING)
                .chain(apprentices -> MentorEntry.<MentorEntry>list("status", "ACTIVE")
                        .chain(mentors -> MatchRecord.<MatchRecord>list("status in ?1 or endReason = ?2",
                                List.of("PROPOSED", "STARTED", "UNDER_REVIEW", "DECLINED"), "REMATCHED").map(records -> {
                            Map<String, Integer> load = new HashMap<>();
                            Map<Pair, String> excluded = new HashMap<>();
                            for (MatchRecord record : records) {
                                if ("PROPOSED".equals(record.status) || "STARTED".equals(record.status) || "UNDER_REVIEW".equals(record.status)) {
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
