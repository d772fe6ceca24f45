package dev.mentorship.matching;

import dev.mentorship.matching.skill.SkillVocabulary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/skills")
@Tag(name = "Skills")
public class SkillResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"program-office", "admin", "mentor", "apprentice"})
    @Operation(summary = "The skill vocabulary mentors offer and apprentices choose goals from")
    public Set<String> skills() {
        return SkillVocabulary.all();
    }
}
