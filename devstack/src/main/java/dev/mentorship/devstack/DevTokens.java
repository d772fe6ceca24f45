package dev.mentorship.devstack;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * Mints bearer tokens signed with the LOCAL-ONLY development key. Services accept them only in the
 * {@code local} profile and in tests; production validates against a real OIDC provider.
 */
public final class DevTokens {

    public static final String ISSUER = "https://devstack.mentorship.local";
    /**
     * The audience the services require ({@code quarkus.oidc.token.audience}); {@code OIDC_AUDIENCE}
     * changes it for the services and for these tokens alike, as both read the same environment.
     */
    public static final String AUDIENCE = audience(System.getenv("OIDC_AUDIENCE"));
    public static final Set<String> ROLES = Set.of("apprentice", "mentor", "program-office", "admin", "scim-provisioner");

    private static final PrivateKey KEY = loadKey();

    private DevTokens() {
    }

    public static String mint(String role, String subject) {
        return mint(Set.of(role), subject, Duration.ofHours(8));
    }

    /**
     * A token that also carries a verified e-mail address ({@code email}, {@code email_verified}), as an
     * identity provider's {@code email} scope adds: what linking a sign-in to an HR enrolment needs.
     */
    public static String mintWithEmail(String role, String subject, String email, boolean verified) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).groups(Set.of(role)).expiresIn(Duration.ofHours(8)).subject(subject).upn(subject)
                .audience(Set.of(AUDIENCE)).claim("email", email).claim("email_verified", verified);
        return claims.jws().keyId("devstack-local").sign(KEY);
    }

    /** A {@code null} subject leaves {@code sub} out, as a provider set up without it does; the services refuse such a token. */
    public static String mint(Set<String> roles, String subject, Duration lifetime) {
        return mint(roles, subject, lifetime, Set.of(AUDIENCE));
    }

    /**
     * A token for these audiences; none leaves {@code aud} out. The services refuse a token whose
     * audiences do not include theirs, or without one: tests use this to prove it.
     */
    public static String mint(Set<String> roles, String subject, Duration lifetime, Set<String> audiences) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).groups(roles).expiresIn(lifetime);
        if (subject != null) {
            claims.subject(subject).upn(subject);
        }
        if (!audiences.isEmpty()) {
            claims.audience(audiences);
        }
        return claims.jws().keyId("devstack-local").sign(KEY);
    }

    /**
     * The services' default unless {@code OIDC_AUDIENCE} names another; of a list (the services accept
     * any audience in it), the first.
     */
    static String audience(String configured) {
        return configured == null || configured.isBlank() ? "mentorship-api" : configured.split(",")[0].trim();
    }

    private static PrivateKey loadKey() {
        try (InputStream in = DevTokens.class.getResourceAsStream("/devstack/local-only-signing-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
