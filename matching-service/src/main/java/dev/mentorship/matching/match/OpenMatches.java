package dev.mentorship.matching.match;

import dev.mentorship.eventsourcing.store.SessionSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The matches still open (proposed, started or under review) of some mentors and apprentices, read
 * from the event store in the caller's transaction, and the locks that keep them from changing under
 * a command that decides on them.
 *
 * <p>Why not the directory: it is a projection, a moment behind the commands, so two proposals made
 * at once would each see the mentor's load without the other. Why locks rather than an event on the
 * mentor's and the apprentice's streams for every proposal and every ending: a match's openness is a
 * fact of its own stream; copying it onto two more streams would make every way a match ends
 * (declined, ended, rematched, graduated, withdrawn, a mentor paused) keep the copies in step, and a
 * copy missed once would hold a mentor's place for good.
 */
@ApplicationScoped
public class OpenMatches {

    /** An open match: who is in it. */
    public record OpenMatch(String matchId, String mentorId, String apprenticeId) {
    }

    /**
     * Waits for, then holds until the transaction ends, the locks of these mentors and apprentices.
     * Every command that decides on a person's open matches, or changes what they are checked against
     * (a mentor's status or capacity, an apprentice's status), takes them before it reads anything,
     * so that what it reads cannot change before it commits. All in one call, see {@code lock_people}.
     */
    public Uni<Void> lock(Collection<String> mentorIds, Collection<String> apprenticeIds) {
        String[] keys = Stream.concat(mentorIds.stream().map(id -> "mentor:" + id), apprenticeIds.stream().map(id -> "apprentice:" + id))
                .toArray(String[]::new);
        return keys.length == 0 ? Uni.createFrom().voidItem()
                : SessionSql.value("select lock_people($1::text[])", (Object) keys).replaceWithVoid();
    }

    /** The open matches of any of these mentors or apprentices, in the order they were proposed. */
    public Uni<List<OpenMatch>> of(Collection<String> mentorIds, Collection<String> apprenticeIds) {
        return SessionSql.select(OPEN, mentorIds.toArray(String[]::new), apprenticeIds.toArray(String[]::new))
                .map(rows -> rows.stream().map(row -> new OpenMatch((String) row[0], (String) row[1], (String) row[2])).toList());
    }

    private static final String OPEN = "select p.payload->>'matchId', p.payload->>'mentorId', p.payload->>'apprenticeId' from events p "
            + "where p.type = 'MatchProposed' "
            + "and (p.payload->>'mentorId' = any($1::text[]) or p.payload->>'apprenticeId' = any($2::text[])) "
            + "and not exists (select 1 from events e where e.stream_id = p.stream_id and e.type in ('MatchDeclined', 'MatchEnded')) "
            + "order by p.position";
}
