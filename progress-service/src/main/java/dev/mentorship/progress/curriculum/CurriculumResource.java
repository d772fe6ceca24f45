package dev.mentorship.progress.curriculum;

import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.http.Versions;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/curricula")
@Tag(name = "Curriculum")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CurriculumResource {

    public record MilestoneRequest(
            @Schema(examples = "shadow-on-call") @NotBlank @Size(max = 64) String id,
            @Schema(examples = "SHADOWING") @NotNull Mode mode,
            @Schema(examples = "Shadow on-call shifts") @NotBlank @Size(max = 200) String title,
            @Schema(examples = "Shadow an on-call engineer for four shifts.") @NotBlank @Size(max = 4000) String description,
            @Schema(description = "Whether graduation needs it") boolean required,
            @Schema(examples = "Four logged shadow shifts, with the incidents observed.") @NotBlank @Size(max = 2000) String evidence,
            @Schema(description = "On a SHADOWING milestone: how many logged shadow shifts it takes", examples = "4") @Min(1) @Max(100)
            Integer shadowShifts) {

        Milestone milestone() {
            return new Milestone(id, mode, title.strip(), description.strip(), required, evidence.strip(), shadowShifts);
        }
    }

    public record PublishRequest(@NotNull @Size(min = 1, max = CurriculumDecider.MAX_MILESTONES) List<@NotNull @Valid MilestoneRequest> milestones) {
    }

    public record CurriculumView(int version, Instant publishedAt, String publishedBy, Map<Mode, Long> milestonesPerMode,
            List<Milestone> milestones) {

        static CurriculumView of(Curriculum.Version version) {
            Map<Mode, Long> perMode = new TreeMap<>();
            version.milestones().forEach(milestone -> perMode.merge(milestone.mode(), 1L, Long::sum));
            return new CurriculumView(version.version(), version.publishedAt(), version.publishedBy(), perMode, version.milestones());
        }
    }

    private final Curricula curricula;
    private final Caller caller;

    public CurriculumResource(Curricula curricula, Caller caller) {
        this.curricula = curricula;
        this.caller = caller;
    }

    @GET
    @Path("/current")
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "The current milestone catalogue, grouped by the four ways of learning",
            description = "Apprentices follow the version they started with (GET /curricula/{version}); this one is what new "
                    + "apprentices start on. Its ETag is the catalogue's version: send it in If-Match when publishing.")
    public Uni<RestResponse<CurriculumView>> current() {
        return curricula.all().map(read -> answer(read, read.state().current().orElseThrow()));
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "One published version of the catalogue")
    public Uni<RestResponse<CurriculumView>> version(@PathParam("version") String version) {
        int number = number(version);
        return curricula.all().map(read -> answer(read, read.state().version(number)
                .orElseThrow(() -> DomainException.notFound("No curriculum version " + number))));
    }

    @POST
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Publish a new version of the catalogue",
            description = "The whole catalogue, checked as a whole: milestone ids unique (1-64 lower-case letters, digits and inner "
                    + "hyphens), every milestone with a mode, title, description and expected evidence, at least one required. "
                    + "201 with the new version; publishing what is current already is 200 with it and writes nothing. Apprentices "
                    + "already started stay on their version. Send the current ETag in If-Match to be told (412) of a publication "
                    + "made meanwhile.")
    public Uni<RestResponse<CurriculumView>> publish(@Valid @NotNull PublishRequest request, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        List<Milestone> milestones = request.milestones().stream().map(MilestoneRequest::milestone).toList();
        var expected = Versions.fromIfMatch(ifMatch);
        return curricula.all().chain(before -> curricula.publish(milestones, caller.subject(), caller.context(), expected)
                .map(after -> {
                    Curriculum.Version current = after.state().current().orElseThrow();
                    RestResponse.ResponseBuilder<CurriculumView> response = after.version() > before.version()
                            ? RestResponse.ResponseBuilder.created(URI.create("/curricula/" + current.version()))
                            : RestResponse.ResponseBuilder.ok();
                    return response.entity(CurriculumView.of(current)).tag(Versions.etag(after.version())).build();
                }));
    }

    private static RestResponse<CurriculumView> answer(Versioned<Curriculum> read, Curriculum.Version version) {
        return RestResponse.ResponseBuilder.ok(CurriculumView.of(version)).tag(Versions.etag(read.version())).build();
    }

    private static int number(String version) {
        try {
            int number = Integer.parseInt(version);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw DomainException.notFound("No curriculum version " + version + ": versions are numbered from 1");
    }
}
