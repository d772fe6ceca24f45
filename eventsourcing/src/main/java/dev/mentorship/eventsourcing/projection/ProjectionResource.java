package dev.mentorship.eventsourcing.projection;

import dev.mentorship.eventsourcing.decider.DomainException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/admin/projections")
@Tag(name = "Administration")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionResource {

    private final ProjectionRunner runner;

    public ProjectionResource(ProjectionRunner runner) {
        this.runner = runner;
    }

    @GET
    @Operation(summary = "Every read model of this service with the number of events it still has to apply")
    public Map<String, Long> list() {
        return runner.lag();
    }

    @POST
    @Path("/{name}/rebuild")
    @Operation(summary = "Empty a read model and replay this service's whole log into it",
            description = "Returns 202 at once; the replay runs in the background and the lag shows its progress.")
    public Uni<RestResponse<Map<String, String>>> rebuild(@PathParam("name") String name) {
        Projection projection = runner.find(name)
                .orElseThrow(() -> DomainException.notFound("No projection named " + name + "; known: " + runner.lag().keySet()));
        return runner.rebuild(projection)
                .replaceWith(RestResponse.accepted(Map.of("projection", name, "status", "rebuilding")));
    }
}
