package dev.mentorship.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local platform's key-encryption key for the services' per-person data keys
 * ({@code PRIVACY_KEY_ENCRYPTION_KEY}): 32 random bytes made on first use and kept in the data
 * folder, readable by its owner only, so the services open what they sealed across restarts.
 */
final class PrivacyKey {

    static final String VARIABLE = "PRIVACY_KEY_ENCRYPTION_KEY";
    private static final String FILE = "privacy-key-encryption-key";

    private PrivacyKey() {
    }

    static synchronized String in(Path data) {
        Path file = data.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.createDirectories(data);
            // Made readable by its owner only before anything is written into it.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the privacy key in " + file, e);
        }
    }
}
