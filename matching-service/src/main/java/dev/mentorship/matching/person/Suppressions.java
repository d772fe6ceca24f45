package dev.mentorship.matching.person;

import dev.mentorship.eventsourcing.config.KernelConfig;
import dev.mentorship.eventsourcing.privacy.KeyEncryptionKey;
import dev.mentorship.eventsourcing.store.SessionSql;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The suppression list an erasure leaves behind: an HR tool that keeps sending an erased person (an
 * update, a re-hire, a SCIM write) does not enrol them again. It holds keyed digests (HMAC-SHA256
 * under a key derived from the service's key-encryption key) of the person's e-mail addresses and of
 * their employee id in each tool, so it can recognise the person without holding anything that names
 * them. The key-encryption key is needed to make the digests; replacing it empties the list in effect.
 */
@Singleton
public class Suppressions {

    private final SecretKeySpec key;

    public Suppressions(KernelConfig config) {
        this.key = new SecretKeySpec(mac(new SecretKeySpec(KeyEncryptionKey.from(config), "HmacSHA256"), "mentorship erasure suppression v1"),
                "HmacSHA256");
    }

    /** The digest of an e-mail address, whatever its case. */
    public String email(String email) {
        return digest("email:" + email.strip().toLowerCase(Locale.ROOT));
    }

    /** The digest of an employee id in one HR tool. */
    public String employee(String source, String employeeId) {
        return digest("employee:" + source + ":" + employeeId);
    }

    /** Records digests, in the caller's session; how many were new. */
    public Uni<Integer> record(Collection<String> digests, Instant now) {
        return digests.isEmpty() ? Uni.createFrom().item(0)
                : SessionSql.update("insert into erasure_suppressions (digest, erased_at) select d, $2 from unnest($1::text[]) d "
                        + "on conflict do nothing", digests.toArray(String[]::new), now.atOffset(ZoneOffset.UTC));
    }

    /** Whether this employee, or their e-mail address if given, belongs to an erased person; in the caller's session. */
    public Uni<Boolean> suppressed(String source, String employeeId, String email) {
        List<String> digests = new ArrayList<>(List.of(employee(source, employeeId)));
        if (email != null && !email.isBlank()) {
            digests.add(email(email));
        }
        return SessionSql.select("select 1 from erasure_suppressions where digest = any($1::text[]) limit 1", (Object) digests.toArray(String[]::new))
                .map(rows -> !rows.isEmpty());
    }

    private String digest(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, value));
    }

    private static byte[] mac(SecretKeySpec key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
