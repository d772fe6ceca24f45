package dev.mentorship.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The HR webhook secrets of a local platform, one per source, generated on first use and kept in its
 * data folder ({@code hr-webhook-secrets.properties}): matching-service gets them as
 * {@code HR_WEBHOOK_<SOURCE>_SECRETS}, and {@code bin/platform webhook-secret SOURCE} prints one, so
 * anyone can sign a test delivery. Production takes its secrets from a Kubernetes Secret instead.
 */
public final class WebhookSecrets {

    public static final List<String> SOURCES = List.of("standard", "bamboohr", "hibob", "personio");
    private static final String FILE = "hr-webhook-secrets.properties";

    private final Path file;

    private WebhookSecrets(Path file) {
        this.file = file;
    }

    public static WebhookSecrets in(Path data) {
        return new WebhookSecrets(data.resolve(FILE));
    }

    /** The source's secret: {@code whsec_<base64>} for Standard Webhooks, 64 hex characters for the others. */
    public synchronized String secret(String source) {
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("No HR source " + source + "; there are " + String.join(", ", SOURCES));
        }
        Properties secrets = load();
        String secret = secrets.getProperty(source);
        if (secret == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            secret = source.equals("standard") ? "whsec_" + Base64.getEncoder().encodeToString(random) : HexFormat.of().formatHex(random);
            secrets.setProperty(source, secret);
            save(secrets);
        }
        return secret;
    }

    /** What matching-service is started with: every source's secret. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String source : SOURCES) {
            environment.put("HR_WEBHOOK_" + source.toUpperCase(Locale.ROOT) + "_SECRETS", secret(source));
        }
        return environment;
    }

    private Properties load() {
        Properties secrets = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                secrets.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        return secrets;
    }

    private void save(Properties secrets) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                secrets.store(out, "HR webhook secrets of this local platform (bin/platform webhook-secret SOURCE)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
