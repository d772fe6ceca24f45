package dev.mentorship.devstack;

import io.smallrye.jwt.build.Jwt;
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

    public static String mint(Set<String> roles, String subject, Duration lifetime) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .expiresIn(lifetime)
                .jws().keyId("devstack-local")
                .sign(KEY);
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
