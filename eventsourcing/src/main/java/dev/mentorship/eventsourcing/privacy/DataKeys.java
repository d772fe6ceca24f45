package dev.mentorship.eventsourcing.privacy;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * Per-person data keys, by key id. The default keeps them in the service's own database, each
 * wrapped by a key-encryption key from the configuration ({@link DatabaseDataKeys}); an external
 * KMS can stand in by providing another bean of this type. Calls run on the caller's reactive
 * session: a key made for an append commits with it inside a transaction, and before it for a
 * single-statement append (a key left by an append that then failed seals nothing).
 */
public interface DataKeys {

    /** The keys named, made for those that have none yet; an erased key stays erased and is left out of the answer. */
    Uni<Map<String, SecretKey>> forWriting(Set<String> keyIds);

    /** The keys named that exist and are not erased. */
    Uni<Map<String, SecretKey>> forReading(Set<String> keyIds);

    /**
     * Erases the keys named, and marks those never made as erased so that none is made later:
     * whatever they encrypted reads as erased from then on. Returns how many keys existed.
     */
    Uni<Integer> erase(Set<String> keyIds);
}
