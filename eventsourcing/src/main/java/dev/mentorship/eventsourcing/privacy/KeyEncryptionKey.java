package dev.mentorship.eventsourcing.privacy;

import dev.mentorship.eventsourcing.config.KernelConfig;
import java.util.Base64;

/** The service's key-encryption key ({@code mentorship.privacy.key-encryption-key}), checked. */
public final class KeyEncryptionKey {

    private KeyEncryptionKey() {
    }

    /** Its 32 bytes (AES-256); a key that is missing, not base64 or of another length stops the service from starting. */
    public static byte[] from(KernelConfig config) {
        String encoded = config.privacy().keyEncryptionKey().orElseThrow(() -> new IllegalStateException(
                "mentorship.privacy.key-encryption-key (PRIVACY_KEY_ENCRYPTION_KEY) is not set: the service cannot keep personal data"));
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mentorship.privacy.key-encryption-key is not base64", e);
        }
        if (key.length != 32) {
            throw new IllegalStateException("mentorship.privacy.key-encryption-key must be 32 bytes (AES-256), not " + key.length);
        }
        return key;
    }
}
