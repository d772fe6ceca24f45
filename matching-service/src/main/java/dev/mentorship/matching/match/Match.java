package dev.mentorship.matching.match;

import java.util.EnumSet;
import java.util.Set;

public record Match(
        String id,
        String mentorId,
        String apprenticeId,
        String mentorSubject,
        String apprenticeSubject,
        String cohortId,
        Set<Party> acceptedBy,
        Status status) {

    public enum Status { PROPOSED, STARTED, DECLINED, UNDER_REVIEW, ENDED }

    public static Match initial() {
        return new Match(null, null, null, null, null, null, Set.of(), null);
    }

    public boolean exists() {
        return id != null;
    }

    Match acceptedBy(Party party) {
        Set<Party> parties = acceptedBy.isEmpty() ? EnumSet.noneOf(Party.class) : EnumSet.copyOf(acceptedBy);
        parties.add(party);
        return new Match(id, mentorId, apprenticeId, mentorSubject, apprenticeSubject, cohortId, Set.copyOf(parties), status);
    }

    Match withStatus(Status next) {
        return new Match(id, mentorId, apprenticeId, mentorSubject, apprenticeSubject, cohortId, acceptedBy, next);
    }

    /** Which side {@code subject} is on, if any. */
    public java.util.Optional<Party> partyOf(String subject) {
        if (subject == null) {
            return java.util.Optional.empty();
        }
        if (subject.equals(mentorSubject)) {
            return java.util.Optional.of(Party.MENTOR);
        }
        if (subject.equals(apprenticeSubject)) {
            return java.util.Optional.of(Party.APPRENTICE);
        }
        return java.util.Optional.empty();
    }
}
