package dev.mentorship.eventsourcing.http;

import dev.mentorship.eventsourcing.decider.DomainException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A position in a list: the list's name and the sort key of the last row a page gave. Clients get it
 * as the {@code after} of a {@code Link: rel="next"} and pass it back as it came; the encoding
 * (base64url of the parts) is not an interface, so it may change without notice.
 *
 * <p>A cursor is not signed: a forged one names a position in the list and nothing more, which any
 * caller allowed to read the list may ask for anyway.
 */
public final class Cursor {

    /** Past this, a value is no cursor the service gave; checked before anything is decoded. */
    static final int MAX_LENGTH = 1024;

    /**
     * Separates the parts. PostgreSQL's text cannot hold a NUL, so no key read from the database contains
     * one, and none of the key types' text forms (instants, numbers) does either.
     */
    private static final char SEPARATOR = '\u0000';

    /** Years 1 to 9999: every instant a read model holds, and within PostgreSQL's range. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private final String list;
    private final List<Object> key;

    private Cursor(String list, List<Object> key) {
        this.list = list;
        this.key = List.copyOf(key);
    }

    /** The position of a row whose sort key is {@code key}: {@link Instant}s, {@link String}s or {@link Long}s. */
    public static Cursor of(String list, List<?> key) {
        for (Object part : key) {
            if (!(part instanceof Instant || part instanceof String || part instanceof Long)) {
                throw new IllegalArgumentException("A cursor's key holds instants, text and longs, not " + part);
            }
            if (part instanceof String text && text.indexOf(SEPARATOR) >= 0) {
                throw new IllegalArgumentException("A cursor's text cannot hold a NUL");
            }
        }
        return new Cursor(list, new ArrayList<>(key));
    }

    public String list() {
        return list;
    }

    /** The sort key, each part of the type it was made with. */
    public List<Object> key() {
        return key;
    }

    public String encode() {
        String joined = list + SEPARATOR + key.stream().map(String::valueOf).collect(Collectors.joining(String.valueOf(SEPARATOR)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads back a cursor of {@code list} whose key parts have the given types; a value that is not one
     * (malformed, cut short, or another list's) is a 400 that tells the client what {@code after} takes.
     */
    public static Cursor decode(String token, String list, List<Class<?>> types) {
        if (token.length() > MAX_LENGTH) {
            throw invalid();
        }
        String text;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid();
        }
        String[] parts = text.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != types.size() + 1 || !parts[0].equals(list)) {
            throw invalid();
        }
        List<Object> key = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            key.add(parse(parts[i + 1], types.get(i)));
        }
        return new Cursor(list, key);
    }

    private static Object parse(String part, Class<?> type) {
        try {
            if (type == Instant.class) {
                Instant instant = Instant.parse(part);
                // A forged cursor may name any year Java reads; PostgreSQL's timestamps hold far fewer.
                if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
                    throw invalid();
                }
                return instant;
            }
            if (type == Long.class) {
                return Long.valueOf(part);
            }
            if (type == String.class) {
                return part;
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw invalid();
        }
        throw new IllegalArgumentException("A cursor's key holds instants, text and longs, not " + type.getName());
    }

    private static DomainException invalid() {
        return DomainException.invalidInput("after is not a position in this list: pass on the after of the "
                + "Link rel=\"next\" header unchanged, or leave it out for the first page");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cursor cursor && cursor.list.equals(list) && cursor.key.equals(key);
    }

    @Override
    public int hashCode() {
        return list.hashCode() * 31 + key.hashCode();
    }

    @Override
    public String toString() {
        return "Cursor" + key + " of " + list;
    }
}
