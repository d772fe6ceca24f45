package dev.mentorship.progress.apprentice;

import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.progress.apprentice.Oversight.CohortProgress;
import dev.mentorship.progress.apprentice.Oversight.MentoredApprentice;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = "Oversight")
public class OversightResource {

    public static final String CSV = "text/csv";

    private final Oversight oversight;
    private final Caller caller;

    public OversightResource(Oversight oversight, Caller caller) {
        this.oversight = oversight;
        this.caller = caller;
    }

    @GET
    @Path("/mentors/me/apprentices")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("mentor")
    @Operation(summary = "The calling mentor's current apprentices, with milestones waiting for their sign-off and check-ins overdue")
    public Uni<List<MentoredApprentice>> mine() {
        return oversight.mentoredBy(caller.subject());
    }

    @GET
    @Path("/cohorts/{cohortId}/progress")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "A cohort's progress per apprentice and per way of learning, with who is at risk and why",
            description = "At risk: an active apprentice with progress.at-risk.overdue-check-ins or more check-in periods missed in a row "
                    + "(default 2), or no milestone progress for progress.at-risk.stalled-days days (default 30). Accept: text/csv for the same "
                    + "as CSV. A cohort with no apprentice known here answers an empty list.")
    @APIResponse(responseCode = "200", description = "The cohort's progress", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CohortProgress.class)),
            @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    public Uni<CohortProgress> cohort(@PathParam("cohortId") String cohortId) {
        return oversight.cohort(Ids.parse(cohortId, "cohort").toString());
    }

    @GET
    @Path("/cohorts/{cohortId}/progress")
    @Produces(CSV)
    @RolesAllowed({"program-office", "admin"})
    @Operation(hidden = true) // the same operation as cohort(), for Accept: text/csv; documented there
    public Uni<String> cohortCsv(@PathParam("cohortId") String cohortId) {
        return oversight.cohort(Ids.parse(cohortId, "cohort").toString()).map(Oversight::csv);
    }

}
