package dev.mentorship.eventsourcing.security;

import dev.mentorship.eventsourcing.config.KernelConfig;
import dev.mentorship.eventsourcing.store.SessionSql;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Lets the subject a person signs in with act as the platform subject they were enrolled under. An
 * apprentice enrolled from an HR tool gets a pseudonymous subject ({@link Pseudonyms}), because the tool knows their e-mail address and not the identity provider's
 * subject, and an e-mail address used as a subject would outlive an erasure in every log and read
 * model. On first sign-in matching-service links the two ({@code POST /people/me/link}); each service
 * keeps the links in {@code sign_in_links}, and this augmentor puts the platform subject on the
 * identity, where {@code Caller.subject()} reads it.
 *
 * <p>Each instance remembers a lookup, found or not, for {@code mentorship.sign-in.link-cache-time}.
 * A failed lookup leaves the identity as it is: the lookup never turns a database outage into a
 * refused token.
 */
@ApplicationScoped
public class SignInLinks implements SecurityIdentityAugmentor {

    /** The identity attribute that carries the platform subject of a linked sign-in. */
    public static final String SUBJECT = "mentorship.subject";
    /** Beyond this many remembered lookups the memory starts afresh. */
    private static final int CAPACITY = 10_000;

    private static final Logger LOG = Logger.getLogger(SignInLinks.class);

    private final Pool pool;
    private final long cacheNanos;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    public SignInLinks(Pool pool, KernelConfig config) {
        this.pool = pool;
        this.cacheNanos = config.signIn().linkCacheTime().toNanos();
    }

    private record Remembered(Optional<String> subject, long until) {
    }

    /** After {@link SubjectRequired}, which refuses a token without a usable subject first. */
    @Override
    public int priority() {
        return -1;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null) {
            return Uni.createFrom().item(identity);
        }
        return linked(token.getSubject()).map(subject -> subject.isEmpty() ? identity
                : QuarkusSecurityIdentity.builder(identity).addAttribute(SUBJECT, subject.get()).build());
    }

    /** The platform subject that {@code signInSubject} acts as, if it is linked to one. */
    public Uni<Optional<String>> linked(String signInSubject) {
        long now = System.nanoTime();
        Remembered known = remembered.get(signInSubject);
        if (known != null && known.until() - now > 0) {
            return Uni.createFrom().item(known.subject());
        }
        return pool.preparedQuery("select subject from sign_in_links where sign_in_subject = $1").execute(Tuple.of(signInSubject))
                .map(rows -> {
                    Optional<String> subject = Optional.empty();
                    for (Row row : rows) {
                        subject = Optional.of(row.getString(0));
                    }
                    if (remembered.size() >= CAPACITY) {
                        remembered.clear();
                    }
                    remembered.put(signInSubject, new Remembered(subject, now + cacheNanos));
                    return subject;
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Sign-in link of a caller not looked up: %s", failure.getClass().getSimpleName());
                    return known == null ? Optional.empty() : known.subject();
                });
    }

    /** The platform subject {@code signInSubject} is linked to, read afresh in the caller's session. */
    public static Uni<Optional<String>> linkOf(String signInSubject) {
        return SessionSql.select("select subject from sign_in_links where sign_in_subject = $1", signInSubject)
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.getFirst()[0]));
    }

    /** Forgets what this instance remembers about {@code signInSubject}, after a link made here. */
    public void forget(String signInSubject) {
        remembered.remove(signInSubject);
    }
}
