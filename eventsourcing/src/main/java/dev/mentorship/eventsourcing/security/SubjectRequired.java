package dev.mentorship.eventsourcing.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a verified token that names no person: one without a {@code sub} claim (a provider can be
 * set up to leave it out of access tokens), with a blank one, or with one longer than the 255
 * characters OpenID Connect Core (section 2) allows. Every rule about who may act on what goes by
 * the subject, and it is what commands record as their author, so such a token is a 401 at the door;
 * before, a command from the program office failed on the missing subject as a 500. A subject that
 * begins like the platform's own pseudonyms ({@link Pseudonyms}) is refused too.
 */
@ApplicationScoped
public class SubjectRequired implements SecurityIdentityAugmentor {

    public static final int MAX_LENGTH = 255;
    /** The attribute of the refusal that carries the sentence for the client (the problem's detail). */
    public static final String DETAIL = "mentorship.subject-refused";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token) {
            String subject = token.getSubject();
            if (subject == null || subject.isBlank()) {
                return Uni.createFrom().failure(refused("The bearer token names no subject (its sub claim is missing or blank)"));
            }
            if (subject.length() > MAX_LENGTH) {
                return Uni.createFrom().failure(refused("The bearer token's subject is longer than " + MAX_LENGTH + " characters"));
            }
            if (Pseudonyms.is(subject)) {
                // Else a token naming an HR enrolment's pseudonym would act as that apprentice without any link.
                return Uni.createFrom().failure(refused("The bearer token's subject begins with " + Pseudonyms.PREFIX
                        + ", which the platform keeps for the pseudonyms of apprentices enrolled from an HR tool"));
            }
        }
        return Uni.createFrom().item(identity);
    }

    private static AuthenticationFailedException refused(String detail) {
        return new AuthenticationFailedException(detail, Map.of(DETAIL, detail));
    }
}
