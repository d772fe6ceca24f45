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
    public static final Set<String> ROLES = Set.of("apprentice", "mentor", "program-office", "admin");

    private static final PrivateKey KEY = loadKey();

    private DevTokens() {
    }

    public static String mint(String role, String subject) {
        return mint(Set.of(role), subject, Duration.ofHours(8));
    }

    /** A {@code null} subject leaves {@code sub} out, as a provider set up without it does; the services refuse such a token. */
    public static String mint(Set<String> roles, String subject, Duration lifetime) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).groups(roles).expiresIn(lifetime);
        if (subject != null) {
            claims.subject(subject).upn(subject);
        }
        return claims.jws().keyId("devstack-local").sign(KEY);
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
