package dev.mentorship.eventsourcing.command;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The two values a create sent with an {@code Idempotency-Key} is known by.
 *
 * <p>The stream id is derived from the aggregate, the caller and the key, so a repeat of the request
 * names the stream the first one started, and a command that starts a stream is refused at version 1
 * when that stream exists. The id is a UUID of version 8 (RFC 9562, section 5.8) holding the first 122
 * bits of a SHA-256: it can never equal a time-ordered id drawn by {@link dev.mentorship.eventsourcing.store.NewIds}
 * (version 7), and another caller's key cannot name this caller's stream.
 *
 * <p>The request digest is a SHA-256 over the key, the caller and the request body, kept in the
 * first event's metadata. It tells a repeat from a different request under the same key. The key
 * itself is not stored, so the digest of a request holding personal data cannot be checked against
 * guesses by whoever reads the event store.
 */
final class IdempotentCreates {

    private IdempotentCreates() {
    }

    static UUID streamId(String aggregate, String actor, String key) {
        ByteBuffer hash = ByteBuffer.wrap(sha256(aggregate, actor, key));
        long most = (hash.getLong() & ~0xf000L) | 0x8000L;
        long least = (hash.getLong() & 0x3fff_ffff_ffff_ffffL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }

    static String digest(String key, String actor, String request) {
        return HexFormat.of().formatHex(sha256(key, actor, request));
    }

    /** SHA-256 over the parts, each preceded by its length, so that no two lists of parts hash alike by concatenation. */
    private static byte[] sha256(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                digest.update(bytes);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
