package dev.mentorship.progress.apprentice;

import dev.mentorship.eventsourcing.store.Rows;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.KeysetQuery;
import dev.mentorship.eventsourcing.http.PageRequest;
import dev.mentorship.progress.apprentice.ProgressReport.ProgressView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/apprentices/{apprenticeId}")
@Tag(name = "Progress")
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    /** One thing that happened to the apprentice; ids, states and times, never notes, evidence or comments. */
    public record TimelineEntry(long position, Instant at, String type, String summary) {
    }

    static final KeysetQuery<TimelineEntry> TIMELINE = new KeysetQuery<>("timeline",
            "select position, at, type, summary from timeline_entries", "apprentice_id = $1", KeysetQuery.Direction.DESCENDING,
            List.of(new KeysetQuery.Key("position", Long.class)),
            row -> new TimelineEntry((Long) row[0], Rows.asInstant(row[1]), (String) row[2], (String) row[3]),
            entry -> List.of(entry.position()));

    private final ProgressAccess access;
    private final ProgressReport report;
    private final Clock clock;

    public ProgressResource(ProgressAccess access, ProgressReport report, Clock clock) {
        this.access = access;
        this.report = report;
        this.clock = clock;
    }

    @GET
    @Path("/progress")
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "An apprentice's progress: per way of learning, every milestone, check-ins, shadow shifts, interview loops, mentor",
            description = "The apprentice, their current mentor, or the program office. With asOf, as it stood at that instant, rebuilt "
                    + "from the events recorded until then (for audits and disputes). Check-in topics and notes show to the apprentice and "
                    + "to the mentor of that match only; shift notes not to the program office.")
    public Uni<ProgressView> get(@PathParam("apprenticeId") String apprenticeId,
            @Parameter(description = "An ISO-8601 instant, such as 2026-03-01T12:00:00Z: the progress as it stood then")
            @QueryParam("asOf") String asOf) {
        Instant at = asOf(asOf);
        return access.check(apprenticeId).chain(granted -> report.of(granted.record(), granted.reader(), at));
    }

    @GET
    @Path("/timeline")
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "Everything that happened to the apprentice, newest first", description = "The same readers as the progress.")
    @APIResponse(responseCode = "200", description = "A page of the timeline",
            headers = @Header(name = "Link", description = PageRequest.LINK_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = TimelineEntry.class)))
    public Uni<Response> timeline(@PathParam("apprenticeId") String apprenticeId, @Context UriInfo uri,
            @Parameter(description = PageRequest.LIMIT_DESCRIPTION) @QueryParam(PageRequest.LIMIT) String limit,
            @Parameter(description = PageRequest.AFTER_DESCRIPTION) @QueryParam(PageRequest.AFTER) String after) {
        PageRequest page = PageRequest.of(limit, after);
        TIMELINE.position(page);
        return access.check(apprenticeId).chain(granted -> Panache.withSession(() -> TIMELINE.page(page, apprenticeId)))
                .map(rows -> rows.response(uri.getRequestUri()));
    }

    private Instant asOf(String asOf) {
        if (asOf == null) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw DomainException.invalidInput("asOf is an ISO-8601 instant such as 2026-03-01T12:00:00Z; got " + asOf);
        }
        if (at.isAfter(clock.instant())) {
            throw DomainException.invalidInput("asOf " + asOf + " is in the future");
        }
        return at;
    }
}
