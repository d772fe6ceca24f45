package dev.mentorship.eventsourcing.privacy;

import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.events.Contracts;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/**
 * A retention rule's usual step: the keys a query names (its only parameter the cutoff), those still
 * live, a batch at a time, erased.
 */
public final class ShreddedAfter {

    /** How many things one step of a retention rule acts on. */
    public static final int BATCH = 500;
    /** The matches this service learnt ended before the cutoff ({@code $1}), from the MatchEnded it consumed. */
    public static final String MATCHES_ENDED = "select payload->>'matchId' from events where type = '" + Contracts.MATCH_ENDED.ceType()
            + "' and (payload->>'endedAt')::timestamptz < $1";

    private ShreddedAfter() {
    }

    /**
     * Erases the live keys among the ids {@code ids} selects ({@code $1} is the cutoff); returns how
     * many it erased, 0 once none is left.
     */
    public static Uni<Integer> erase(DataKeys keys, String ids, Instant cutoff) {
        return SessionSql.select("select q.id from (" + ids + ") q(id) join data_keys k on k.key_id = q.id and k.wrapped is not null limit "
                + BATCH, cutoff.atOffset(ZoneOffset.UTC)).chain(rows -> {
                    Set<String> found = new HashSet<>();
                    rows.forEach(row -> found.add((String) row[0]));
                    return found.isEmpty() ? Uni.createFrom().item(0) : keys.erase(found);
                });
    }
}
