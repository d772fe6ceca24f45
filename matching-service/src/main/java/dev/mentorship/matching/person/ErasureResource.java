package dev.mentorship.matching.person;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.privacy.Erasure;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Erasing a person from the whole platform (the right to erasure), and where that stands in each service. */
@Path("/admin/people/{subject}/erasure")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {

    /** One service's part: CONFIRMED with what it erased (counts by kind), or PENDING. */
    public record ServiceErasure(String service, String status, Instant confirmedAt, Map<String, Integer> erased) {
    }

    /** An erasure request and each service's confirmation; complete once every service confirmed. */
    public record ErasureView(String erasureId, String subject, Instant requestedAt, String requestedBy, boolean complete,
            List<ServiceErasure> services) {

        static ErasureView of(Erasure erasure) {
            List<ServiceErasure> services = PersonErasure.SERVICES.stream().map(service -> {
                Erasure.Confirmation confirmation = erasure.confirmations().get(service);
                return confirmation == null ? new ServiceErasure(service, "PENDING", null, Map.of())
                        : new ServiceErasure(service, "CONFIRMED", confirmation.at(), confirmation.erased());
            }).toList();
            return new ErasureView(erasure.erasureId(), erasure.subject(), erasure.requestedAt(), erasure.requestedBy(),
                    services.stream().allMatch(service -> service.status().equals("CONFIRMED")), services);
        }
    }

    private final PersonErasure erasure;
    private final Caller caller;
    private final Clock clock;

    public ErasureResource(PersonErasure erasure, Caller caller, Clock clock) {
        this.erasure = erasure;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed("admin")
    @Operation(summary = "Erase a person, named by their OIDC subject, from every service",
            description = "202 with the request's status; each service erases the person's data keys (what the log holds about them reads "
                    + "as \"erased\" from then on), their contact details and what its read models held about them, and confirms. "
                    + "Asking again answers 200 with the same request's status. 404 when the program never knew the subject.")
    public Uni<RestResponse<ErasureView>> erase(@PathParam("subject") String subject) {
        String checked = checked(subject);
        return erasure.request(checked, caller.context(), clock.instant()).map(requested -> {
            ErasureView view = ErasureView.of(requested.erasure());
            return requested.fresh()
                    ? RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, view)
                            .location(URI.create("/admin/people/" + java.net.URLEncoder.encode(checked, java.nio.charset.StandardCharsets.UTF_8)
                                    .replace("+", "%20") + "/erasure")).build()
                    : RestResponse.ok(view);
        });
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Where the erasure of a person stands in each service", description = "404 when none was asked for.")
    public Uni<ErasureView> status(@PathParam("subject") String subject) {
        String checked = checked(subject);
        return erasure.status(checked).map(found -> ErasureView.of(found.orElseThrow(
                () -> DomainException.notFound("No erasure was asked for subject " + checked))));
    }

    private static String checked(String subject) {
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            throw DomainException.invalidInput("subject is an OIDC subject of 1 to 255 characters");
        }
        return subject;
    }
}
