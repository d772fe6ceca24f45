package dev.mentorship.matching.hr;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an HR tool's delivery as the tool signs it, against every secret configured for the source
 * (old and new both pass while one is rotated). Comparisons take constant time.
 *
 * <ul>
 * <li>{@code standard}: Standard Webhooks 1.0: {@code webhook-signature} holds space-separated
 * {@code v1,<base64>} values, each an HMAC-SHA256 over {@code id.timestamp.body} keyed with the secret
 * written {@code whsec_<base64>}; {@code webhook-timestamp} within 5 minutes of now either way.</li>
 * <li>{@code bamboohr}: {@code X-BambooHR-Signature}, the lowercase hex HMAC-SHA256 of the body followed
 * directly by the {@code X-BambooHR-Timestamp} value, itself within 5 minutes.</li>
 * <li>{@code hibob}: {@code Bob-Signature}, the base64 HMAC-SHA512 of the body.</li>
 * <li>{@code personio}: the static token in {@code Authorization} (bare, or after {@code Bearer }).</li>
 * </ul>
 */
public final class WebhookVerifier {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    public static final List<String> SOURCES = List.of("standard", "bamboohr", "hibob", "personio");

    /** A delivery let in, with the id it is known by; or refused, with why. */
    public record Verdict(boolean accepted, String deliveryId, String reason) {

        static Verdict accepted(String deliveryId) {
            return new Verdict(true, deliveryId, null);
        }

        static Verdict refused(String reason) {
            return new Verdict(false, null, reason);
        }
    }

    private WebhookVerifier() {
    }

    /** {@code headers} with lower-case names. */
    public static Verdict verify(String source, Map<String, String> headers, byte[] body, List<String> configured, Instant now) {
        // A secret mounted from a file often ends in a newline: it is not part of the secret.
        List<String> secrets = configured.stream().map(String::strip).filter(secret -> !secret.isEmpty()).toList();
        if (secrets.isEmpty()) {
            return Verdict.refused("No secret is configured for source " + source);
        }
        return switch (source) {
            case "standard" -> standard(headers, body, secrets, now);
            case "bamboohr" -> bamboohr(headers, body, secrets, now);
            case "hibob" -> hibob(headers, body, secrets);
            case "personio" -> personio(headers, body, secrets);
            default -> Verdict.refused("Unknown source " + source);
        };
    }

    private static Verdict standard(Map<String, String> headers, byte[] body, List<String> secrets, Instant now) {
        String id = headers.get("webhook-id");
        String timestamp = headers.get("webhook-timestamp");
        String signatures = headers.get("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            return Verdict.refused("A Standard Webhooks delivery carries webhook-id, webhook-timestamp and webhook-signature");
        }
        Verdict stale = timely(timestamp, now);
        if (stale != null) {
            return stale;
        }
        byte[] signed = concat((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        for (String secret : secrets) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret);
            } catch (IllegalArgumentException e) {
                continue;
            }
            byte[] expected = hmac("HmacSHA256", key, signed);
            for (String candidate : signatures.trim().split(" +")) {
                if (candidate.startsWith("v1,") && equal(expected, base64(candidate.substring(3)))) {
                    return Verdict.accepted(id);
                }
            }
        }
        return Verdict.refused("No webhook-signature matches");
    }

    private static Verdict bamboohr(Map<String, String> headers, byte[] body, List<String> secrets, Instant now) {
        String signature = headers.get("x-bamboohr-signature");
        String timestamp = headers.get("x-bamboohr-timestamp");
        if (signature == null || timestamp == null) {
            return Verdict.refused("A BambooHR delivery carries X-BambooHR-Signature and X-BambooHR-Timestamp");
        }
        Verdict stale = timely(timestamp, now);
        if (stale != null) {
            return stale;
        }
        byte[] signed = concat(body, timestamp.getBytes(StandardCharsets.UTF_8));
        byte[] given = hex(signature.trim().toLowerCase(Locale.ROOT));
        for (String secret : secrets) {
            if (equal(hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), signed), given)) {
                return Verdict.accepted(digest(signed));
            }
        }
        return Verdict.refused("X-BambooHR-Signature does not match");
    }

    private static Verdict hibob(Map<String, String> headers, byte[] body, List<String> secrets) {
        String signature = headers.get("bob-signature");
        if (signature == null) {
            return Verdict.refused("A HiBob delivery carries Bob-Signature");
        }
        byte[] given = base64(signature.trim());
        for (String secret : secrets) {
            if (equal(hmac("HmacSHA512", secret.getBytes(StandardCharsets.UTF_8), body), given)) {
                return Verdict.accepted(digest(body));
            }
        }
        return Verdict.refused("Bob-Signature does not match");
    }

    private static Verdict personio(Map<String, String> headers, byte[] body, List<String> secrets) {
        String authorization = headers.get("authorization");
        if (authorization == null) {
            return Verdict.refused("A Personio delivery carries its token in Authorization");
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : authorization.trim();
        for (String secret : secrets) {
            if (equal(secret.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
                return Verdict.accepted(digest(body));
            }
        }
        return Verdict.refused("The Authorization token does not match");
    }

    /** Null when {@code seconds} (Unix time) is within the tolerance of now; the refusal otherwise. */
    private static Verdict timely(String seconds, Instant now) {
        long at;
        try {
            at = Long.parseLong(seconds.trim());
        } catch (NumberFormatException e) {
            return Verdict.refused("The timestamp is Unix seconds; got " + seconds);
        }
        if (at < now.getEpochSecond() - TOLERANCE.toSeconds() || at > now.getEpochSecond() + TOLERANCE.toSeconds()) {
            return Verdict.refused("The timestamp is more than " + TOLERANCE.toMinutes() + " minutes from now");
        }
        return null;
    }

    static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SHA-256 of what was received, in hex: the id of a delivery whose provider sends none. */
    public static String digest(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean equal(byte[] expected, byte[] given) {
        return given != null && MessageDigest.isEqual(expected, given);
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hex(String text) {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
