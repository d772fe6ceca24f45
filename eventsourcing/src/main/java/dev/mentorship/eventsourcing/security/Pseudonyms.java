package dev.mentorship.eventsourcing.security;

/**
 * The platform's own subjects: an apprentice enrolled from an HR tool is known by
 * {@value #PREFIX}{@code <apprentice id>}, not by their e-mail address, until and after their first
 * sign-in links the identity provider's subject to it ({@link SignInLinks}). No token and no
 * registration may take a subject that begins like one.
 */
public final class Pseudonyms {

    /** What every pseudonym begins with. */
    public static final String PREFIX = "hr:";
    /** A subject given for a registration: anything that does not begin like a pseudonym. */
    public static final String NOT_PSEUDONYM = "(?s)(?!hr:).*";
    public static final String REFUSED = "must not begin with hr:, which the platform keeps for apprentices enrolled from an HR tool";

    private Pseudonyms() {
    }

    /** The pseudonym of an apprentice enrolled from an HR tool. */
    public static String of(String apprenticeId) {
        return PREFIX + apprenticeId;
    }

    public static boolean is(String subject) {
        return subject.startsWith(PREFIX);
    }
}
