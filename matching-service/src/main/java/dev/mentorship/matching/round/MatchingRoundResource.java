package dev.mentorship.matching.round;

import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.matching.cohort.CohortResource.WeightsRequest;
import dev.mentorship.matching.round.CohortAssignment.Weights;
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
import java.util.List;
import java.util.Map;
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

    private final MatchingRounds rounds;
    private final Caller caller;
    private final Clock clock;

    public MatchingRoundResource(MatchingRounds rounds, Caller caller, Clock clock) {
        this.rounds = rounds;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Draft a matching round for the whole cohort",
            description = "Assigns every waiting apprentice at once to maximise the total score under mentors' capacity. "
                    + "Each proposal lists its factors and, for every higher-scoring mentor not chosen, why not. "
                    + "A draft has no effect until it is published; every call makes a new draft. Where the cohort has owners, "
                    + "only they and admins may draft (403 otherwise).")
    public Uni<RestResponse<Draft>> draft(@PathParam("cohortId") String cohortId, @Valid RoundRequest request) {
        Ids.parse(cohortId, "cohort");
        RoundRequest options = request == null ? new RoundRequest(null, null, null) : request;
        return rounds.draft(cohortId, options, caller.subject(), caller.hasRole("admin"), clock.instant())
                .map(draft -> RestResponse.ResponseBuilder.<Draft>created(URI.create("/cohorts/" + cohortId + "/matching-rounds/" + draft.id()))
                        .entity(draft).build());
    }

    @POST
    @Path("/{roundId}/publish")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Publish a draft round: each proposal becomes a proposed match (MatchProposed)",
            description = "All or nothing. 409 when the round was already published; 422 when a proposal breaks a rule of "
                    + "POST /matches since the draft (a mentor paused, offboarded or at capacity, an apprentice withdrawn or "
                    + "matched meanwhile); draft a new round then. Where the cohort has owners, only they and admins may publish "
                    + "(403 otherwise).")
    public Uni<Published> publish(@PathParam("cohortId") String cohortId, @PathParam("roundId") String roundId) {
        Ids.parse(cohortId, "cohort");
        Ids.parse(roundId, "matching round");
        return rounds.publish(cohortId, roundId, caller.context(), caller.subject(), caller.hasRole("admin"), clock.instant());
    }
}
