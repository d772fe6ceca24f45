package dev.mentorship.feedback.questionnaire;

import dev.mentorship.eventsourcing.decider.DomainException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/questionnaires/{questionnaireId}")
@Tag(name = "Questionnaires")
@Produces(MediaType.APPLICATION_JSON)
public class QuestionnaireResource {

    private final Questionnaires questionnaires;

    public QuestionnaireResource(Questionnaires questionnaires) {
        this.questionnaires = questionnaires;
    }

    @GET
    @Path("/current")
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "The version of a questionnaire answered now: safety (S.A.F.E.T.Y, 1-5) or team-safety (seven items, 1-7)")
    public Questionnaire current(@PathParam("questionnaireId") String id) {
        return questionnaires.current(id).orElseThrow(() -> DomainException.notFound("No questionnaire " + id));
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "One version of a questionnaire, the retired ones included")
    public Questionnaire version(@PathParam("questionnaireId") String id, @PathParam("version") String version) {
        try {
            return questionnaires.version(id, Integer.parseInt(version)).orElseThrow(() -> DomainException.notFound(
                    "No version " + version + " of questionnaire " + id));
        } catch (NumberFormatException e) {
            throw DomainException.notFound("No version " + version + " of questionnaire " + id);
        }
    }
}
