package dev.mentorship.matching.person;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.security.Pseudonyms;
import dev.mentorship.eventsourcing.security.SignInLinks;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.matching.apprentice.Apprentice;
import dev.mentorship.matching.apprentice.ApprenticeCommand;
import dev.mentorship.matching.apprentice.ApprenticeEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * First sign-in of an apprentice enrolled from an HR tool. The enrolment gave them a pseudonymous
 * subject, because the tool knows their e-mail address and not the identity provider's subject;
 * here the subject they sign in with is linked to it, matched by the verified e-mail address their
 * token carries. From then on every service treats the sign-in as that apprentice ({@link SignInLinks}).
 */
@Path("/people/me/link")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
public class SignInLinkResource {

    /** The apprentice record, its pseudonymous subject, and the sign-in subject that acts as it. */
    public record LinkView(String apprenticeId, String subject, String signInSubject) {
    }

    private final CommandHandler commands;
    private final Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices;
    private final SignInLinks links;
    private final Caller caller;
    private final Clock clock;

    public SignInLinkResource(CommandHandler commands, Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices,
            SignInLinks links, Caller caller, Clock clock) {
        this.commands = commands;
        this.apprentices = apprentices;
        this.links = links;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed("apprentice")
    @Operation(summary = "Link the subject you sign in with to your enrolment from an HR tool",
            description = "Matches the verified e-mail address of the token (claims email and email_verified) with an apprentice enrolled "
                    + "from an HR tool and not linked yet. 200 with the link, also when it exists already; 422 without a verified "
                    + "e-mail address; 404 when no HR enrolment has it; 409 when the enrolment is linked to another sign-in or when "
                    + "you are registered under the subject you sign in with.")
    public Uni<LinkView> link() {
        String signIn = caller.signInSubject();
        String subject = caller.subject();
        if (!subject.equals(signIn)) {
            return Uni.createFrom().item(new LinkView(subject.substring(Pseudonyms.PREFIX.length()), subject, signIn));
        }
        String email = verifiedEmail();
        Instant now = clock.instant();
        return Panache.withSession(() -> PersonErasure.known(signIn)).chain(known -> {
            if (!known.ids().isEmpty()) {
                throw DomainException.duplicate("You are registered under the subject you sign in with; there is no enrolment to link");
            }
            return Panache.withSession(() -> SessionSql.select("select id::text from people where role = 'apprentice' and lower(email) = lower($1)",
                    email));
        }).chain(rows -> {
            if (rows.isEmpty()) {
                throw DomainException.notFound("No apprentice enrolled from an HR tool has the e-mail address your sign-in carries");
            }
            String apprenticeId = (String) rows.getFirst()[0];
            String pseudonym = Pseudonyms.of(apprenticeId);
            // Under the person's lock: an erasure of the apprentice either comes first, and there is nothing to link, or after, and
            // deletes the link.
            return commands.inTransaction(() -> PersonErasure.lock(pseudonym).chain(() -> PersonErasure.erased(pseudonym)).chain(erased -> {
                        if (erased) {
                            throw DomainException.notFound("No apprentice enrolled from an HR tool has the e-mail address your sign-in carries");
                        }
                        return commands.execute(apprentices, apprenticeId, new ApprenticeCommand.LinkSignIn(apprenticeId, signIn, now),
                                caller.context(), now);
                    })
                    .call(read -> SessionSql.update("insert into sign_in_links (sign_in_subject, subject, linked_at) values ($1, $2, $3) "
                            + "on conflict (sign_in_subject) do nothing", signIn, read.state().subject(), now.atOffset(ZoneOffset.UTC))))
                    .invoke(() -> links.forget(signIn))
                    .map(read -> new LinkView(apprenticeId, read.state().subject(), signIn));
        });
    }

    private String verifiedEmail() {
        String email = caller.<Object>claim("email").map(SignInLinkResource::text).orElse(null);
        boolean verified = caller.<Object>claim("email_verified").map(value -> Boolean.parseBoolean(text(value))).orElse(false);
        if (email == null || email.isBlank() || !verified) {
            throw DomainException.ruleViolated("Your sign-in carries no verified e-mail address (claims email and email_verified), "
                    + "which the link needs to find your enrolment");
        }
        return email.strip();
    }

    private static String text(Object claim) {
        return claim instanceof JsonString string ? string.getString() : claim.toString();
    }
}
