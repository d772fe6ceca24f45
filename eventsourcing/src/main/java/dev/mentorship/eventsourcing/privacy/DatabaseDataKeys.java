package dev.mentorship.eventsourcing.privacy;

import dev.mentorship.eventsourcing.config.KernelConfig;
import dev.mentorship.eventsourcing.store.SessionSql;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Data keys in the service's own {@code data_keys} table (kernel migration V8), each AES-256 key
 * wrapped with AES-GCM under the configured key-encryption key, its id bound in as associated
 * data. Erasing a key clears its wrapped bytes and keeps the row, so the id stays erased: a later
 * write keyed by it stores the placeholder, never a new key.
 */
// Built at start-up, so a service without its key-encryption key does not start (rather than fail its first personal write).
@Startup
@ApplicationScoped
@DefaultBean
public class DatabaseDataKeys implements DataKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey keyEncryptionKey;

    public DatabaseDataKeys(KernelConfig config) {
        this.keyEncryptionKey = new SecretKeySpec(KeyEncryptionKey.from(config), "AES");
    }

    // Rows made by this statement are not visible to a second select in it; the keys it made come from its own returning.
    private static final String MAKE = "with made as (insert into data_keys (key_id, wrapped) "
            + "select * from unnest($1::text[], $2::text[]) on conflict (key_id) do nothing returning key_id, wrapped) "
            + "select key_id, wrapped from made union all "
            + "select key_id, wrapped from data_keys where key_id = any($1::text[]) and key_id not in (select key_id from made)";

    @Override
    public Uni<Map<String, SecretKey>> forWriting(Set<String> keyIds) {
        String[] ids = sorted(keyIds);
        String[] wrapped = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wrapped[i] = wrap(ids[i], newKey());
        }
        return SessionSql.select(MAKE, ids, wrapped).chain(rows -> {
            if (rows.size() == ids.length) {
                return Uni.createFrom().item(unwrap(rows));
            }
            // A key another transaction made and committed after this statement began: a new statement sees it.
            return SessionSql.select("select key_id, wrapped from data_keys where key_id = any($1::text[])", (Object) ids).map(again -> {
                if (again.size() != ids.length) {
                    throw new IllegalStateException("Data keys were neither made nor found");
                }
                return unwrap(again);
            });
        });
    }

    @Override
    public Uni<Map<String, SecretKey>> forReading(Set<String> keyIds) {
        return SessionSql.select("select key_id, wrapped from data_keys where key_id = any($1::text[]) and wrapped is not null",
                (Object) keyIds.toArray(String[]::new)).map(this::unwrap);
    }

    /**
     * One statement: a key made by a transaction not yet committed is waited for and then erased too
     * (the conflict's update sees the committed row), and an id never seen is marked erased.
     */
    @Override
    public Uni<Integer> erase(Set<String> keyIds) {
        return SessionSql.select("insert into data_keys (key_id, wrapped, erased_at) select id, null, now() from unnest($1::text[]) id order by id "
                + "on conflict (key_id) do update set wrapped = null, erased_at = coalesce(data_keys.erased_at, excluded.erased_at) "
                + "returning (xmax <> 0 and erased_at = now())", (Object) sorted(keyIds)).map(rows -> (int) rows.stream()
                .filter(row -> Boolean.TRUE.equals(row[0])).count());
    }

    /** In one order for every transaction, so two that take the same rows never wait on each other in a cycle. */
    private static String[] sorted(Set<String> keyIds) {
        return keyIds.stream().sorted().toArray(String[]::new);
    }

    private Map<String, SecretKey> unwrap(List<Object[]> rows) {
        Map<String, SecretKey> keys = new HashMap<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                keys.put((String) row[0], unwrap((String) row[0], (String) row[1]));
            }
        }
        return keys;
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String wrap(String keyId, SecretKey key) {
        try {
            return Base64.getEncoder().encodeToString(Aead.seal(keyEncryptionKey, keyId.getBytes(StandardCharsets.UTF_8), key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private SecretKey unwrap(String keyId, String wrapped) {
        try {
            return new SecretKeySpec(Aead.open(keyEncryptionKey, keyId.getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(wrapped)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The data key " + keyId + " does not open with the configured key-encryption key", e);
        }
    }
}
