package dev.mentorship.eventsourcing.security;

import dev.mentorship.eventsourcing.config.KernelConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers bearer tokens that quarkus-oidc has verified, so a client sending the same token again is
 * not verified again: checking a token's RSA signature and parsing its claims cost more CPU than any
 * other single step of a command. A token is looked up by its exact text; a remembered verification
 * lasts until the token expires or {@code mentorship.tokens.cache-time} passes, whichever comes first.
 * Tokens that fail verification (signature, issuer, audience, expiry) are never remembered, and
 * neither are tokens without an expiry, so a remembered token has passed every check. At
 * most {@code mentorship.tokens.cache-size} tokens are remembered; beyond that, new tokens are
 * verified on every request until older ones expire.
 *
 * <p>It runs ahead of quarkus-oidc's own identity provider (higher priority) and hands every token it
 * does not remember to that provider. What a remembered token cannot notice within its cache time is
 * what local verification never notices: the token's revocation at the provider. The services run a
 * single OIDC tenant, so a token's text identifies its verification.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    private final OidcIdentityProvider oidc;
    private final int capacity;
    private final long cacheMillis;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    /** When a full cache may next be swept for expired entries: at most once a second, not on every new token. */
    private volatile long nextSweep;
    private final Counter hits;
    private final Counter misses;

    public VerifiedTokens(OidcIdentityProvider oidc, KernelConfig config, MeterRegistry metrics) {
        this.oidc = oidc;
        this.capacity = config.tokens().cacheSize();
        this.cacheMillis = config.tokens().cacheTime().toMillis();
        this.hits = metrics.counter("tokens.verified.remembered");
        this.misses = metrics.counter("tokens.verified.checked");
    }

    private record Verified(SecurityIdentity identity, long until) {
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of quarkus-oidc's provider, which verifies what is not remembered. */
    @Override
    public int priority() {
        return oidc.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (capacity <= 0) {
            return oidc.authenticate(request, context);
        }
        String token = request.getToken().getToken();
        long now = System.currentTimeMillis();
        Verified known = verified.get(token);
        if (known != null) {
            if (now < known.until()) {
                hits.increment();
                return Uni.createFrom().item(forThisRequest(known.identity(), request, context));
            }
            verified.remove(token, known);
        }
        misses.increment();
        return oidc.authenticate(request, context).invoke(identity -> remember(token, identity, now));
    }

    private void remember(String token, SecurityIdentity identity, long now) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        long expiresAt = jwt.getExpirationTime() * 1000;
        if (expiresAt <= now) {
            return;
        }
        if (verified.size() >= capacity) {
            if (now < nextSweep) {
                return;
            }
            nextSweep = now + 1000;
            verified.values().removeIf(entry -> entry.until() <= now);
            if (verified.size() >= capacity) {
                return;
            }
        }
        verified.put(token, new Verified(withoutRequest(identity), Math.min(expiresAt, now + cacheMillis)));
    }

    /**
     * The verified identity without what belongs to the request that brought it (its routing context
     * and authentication context), so that a remembered token holds on to no finished request.
     */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        return withRequest(identity, null, null);
    }

    /** A remembered identity, given the current request's routing context and authentication context. */
    private static SecurityIdentity forThisRequest(SecurityIdentity identity, TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return withRequest(identity, HttpSecurityUtils.getRoutingContextAttribute(request), context);
    }

    /** The identity with these request attributes, under the names quarkus-oidc gives them. */
    private static SecurityIdentity withRequest(SecurityIdentity identity, RoutingContext routing,
            AuthenticationRequestContext context) {
        return QuarkusSecurityIdentity.builder(identity)
                .addAttribute(RoutingContext.class.getName(), routing)
                .addAttribute(AuthenticationRequestContext.class.getName(), context)
                .build();
    }
}
