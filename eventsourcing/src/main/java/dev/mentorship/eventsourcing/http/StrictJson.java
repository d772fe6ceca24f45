package dev.mentorship.eventsourcing.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;

/**
 * What every service reads from JSON is stored as it was sent, or refused with a 400 naming the field.
 * <ul>
 * <li>PostgreSQL cannot store U+0000 in text or jsonb: such a string failed the append as a 500.
 * <li>A lone surrogate ({@code "\ud800"}) is no character at all: it was stored as {@code ?}, quietly
 * changing what the client sent.
 * <li>A fraction where a whole number is expected ({@code 3.7} years) was cut to 3.
 * <li>A field named twice ({@code {"name":"a","name":"b"}}) kept the last value, where another reader
 * of the same body (a gateway, an audit log) may have taken the first; I-JSON (RFC 7493) forbids it.
 * </ul>
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("stored-text").addDeserializer(String.class, new StorableStrings()));
    }

    /** Why {@code text} cannot be stored as it is, if it cannot. */
    static Optional<String> unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("contains a NUL character (U+0000), which cannot be stored");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(String.format("contains an unpaired surrogate (\\u%04x), which is not a character", (int) c));
            }
        }
        return Optional.empty();
    }

    /** Jackson's own string reading, then the check; strings in lists and arrays go through it too. */
    static final class StorableStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (text != null) {
                Optional<String> reason = unstorable(text);
                if (reason.isPresent()) {
                    throw new UnstorableText(parser, reason.get());
                }
            }
            return text;
        }
    }

    /** Answered as 400 by {@link ProblemMappers}, with the field's path in front of the reason. */
    public static final class UnstorableText extends MismatchedInputException {

        private final String reason;

        UnstorableText(JsonParser parser, String reason) {
            super(parser, reason, String.class);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
