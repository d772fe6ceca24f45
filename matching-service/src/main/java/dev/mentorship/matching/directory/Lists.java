package dev.mentorship.matching.directory;

import dev.mentorship.eventsourcing.store.Rows;
import dev.mentorship.eventsourcing.http.KeysetQuery;
import dev.mentorship.eventsourcing.http.KeysetQuery.Direction;
import dev.mentorship.eventsourcing.http.KeysetQuery.Key;
import dev.mentorship.matching.directory.Directory.MatchHistory;
import dev.mentorship.matching.directory.Directory.RosterEntry;
import java.time.Instant;
import java.util.List;

/**
 * The directory's lists as keyset queries: each in a total order (its timestamp, then the row's id),
 * each served by an index of V104 that leads with the filter's columns and ends with the order's.
 */
public final class Lists {

    /** A waiting apprentice as stored; how long they have waited depends on when it is read. */
    public record Waiting(String apprenticeId, String cohortId, String goals, String timezone, Instant enrolledAt, String status) {
    }

    public record MentorRow(String mentorId, String status, int capacity) {
    }

    /** Every mentor, in id order (ids are time-ordered, so by registration). */
    public static final KeysetQuery<MentorRow> MENTORS = new KeysetQuery<>("mentors",
            "select mentor_id, status, capacity from mentor_directory", "", Direction.ASCENDING, List.of(Key.text("mentor_id")),
            row -> new MentorRow((String) row[0], (String) row[1], (Integer) row[2]), mentor -> List.of(mentor.mentorId()));

    /** A mentor's matches in one status ({@code $1} mentor, {@code $2} status), oldest proposal first. */
    public static final KeysetQuery<RosterEntry> ROSTER = new KeysetQuery<>("roster",
            "select match_id, apprentice_id, cohort_id, status, proposed_at, started_at from match_records",
            "mentor_id = $1 and status = $2", Direction.ASCENDING, List.of(Key.timestamp("proposed_at"), Key.text("match_id")),
            row -> new RosterEntry((String) row[0], (String) row[1], (String) row[2], (String) row[3], Rows.asInstant(row[4]), Rows.asInstant(row[5])),
            entry -> List.of(entry.proposedAt(), entry.matchId()));

    /** A cohort's apprentices in one status ({@code $1} cohort, {@code $2} status), longest wait first. */
    public static final KeysetQuery<Waiting> UNMATCHED = new KeysetQuery<>("unmatched",
            "select apprentice_id, cohort_id, goals, timezone, enrolled_at, status from apprentice_directory",
            "cohort_id = $1 and status = $2", Direction.ASCENDING, List.of(Key.timestamp("enrolled_at"), Key.text("apprentice_id")),
            row -> new Waiting((String) row[0], (String) row[1], (String) row[2], (String) row[3], Rows.asInstant(row[4]), (String) row[5]),
            waiting -> List.of(waiting.enrolledAt(), waiting.apprenticeId()));

    private static final String HISTORY = "select match_id, mentor_id, apprentice_id, cohort_id, status, proposed_at, started_at, "
            + "ended_at, end_reason, declined_by from match_records";

    /** Every match, newest proposal first. */
    public static final KeysetQuery<MatchHistory> MATCHES = history("");

    /** A cohort's matches ({@code $1} cohort), newest proposal first. */
    public static final KeysetQuery<MatchHistory> MATCHES_OF_COHORT = history("cohort_id = $1");

    private Lists() {
    }

    // One name for both: a cursor is a position in the same order, with or without the cohort.
    private static KeysetQuery<MatchHistory> history(String filter) {
        return new KeysetQuery<>("matches", HISTORY, filter, Direction.DESCENDING,
                List.of(Key.timestamp("proposed_at"), Key.text("match_id")),
                row -> new MatchHistory((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                        Rows.asInstant(row[5]), Rows.asInstant(row[6]), Rows.asInstant(row[7]), (String) row[8], (String) row[9]),
                match -> List.of(match.proposedAt(), match.matchId()));
    }

}
