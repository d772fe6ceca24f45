package dev.mentorship.eventsourcing.privacy;

import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.http.KeysetQuery;
import dev.mentorship.eventsourcing.http.Page;
import dev.mentorship.eventsourcing.http.PageRequest;
import dev.mentorship.eventsourcing.store.Rows;
import dev.mentorship.eventsourcing.store.SessionSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The access audit: every read of a person's record by someone other than that person (the program
 * office, an administrator, a mentor) is recorded with who read it, whose record it was, the
 * endpoint and when. A person's own reads are not recorded. Resources call {@link #read} once they
 * know whose record they answer with.
 */
@ApplicationScoped
public class AccessLog {

    /** One recorded read. */
    public record Entry(String reader, List<String> readerRoles, String subject, String endpoint, Instant at) {
    }

    private static final List<String> ROLES = List.of("admin", "program-office", "mentor", "apprentice", "scim-provisioner");

    private final Clock clock;

    public AccessLog(Clock clock) {
        this.clock = clock;
    }

    /** Records that {@code caller} read the record of {@code subject} through this request, unless it is their own. */
    public Uni<Void> read(Caller caller, String subject) {
        return read(caller, subject == null ? List.of() : List.of(subject));
    }

    /** The same for a record about several people (a match): one entry for each of them but the caller. */
    public Uni<Void> read(Caller caller, Collection<String> subjects) {
        String[] others = subjects.stream().filter(subject -> subject != null && !subject.equals(caller.subject())).distinct()
                .toArray(String[]::new);
        if (others.length == 0) {
            return Uni.createFrom().voidItem();
        }
        String roles = String.join(",", ROLES.stream().filter(caller::hasRole).toList());
        String endpoint = caller.endpoint();
        return Panache.withSession(() -> SessionSql.update("insert into access_log (at, reader, roles, subject, endpoint) "
                + "select $1, $2, $3, unnest($4::text[]), $5", clock.instant().atOffset(ZoneOffset.UTC), caller.subject(), roles, others,
                endpoint)).replaceWithVoid();
    }

    /** A row of the log with its id, which ends its sort key. */
    private record Read(Entry entry, long id) {
    }

    private static final KeysetQuery<Read> OF_SUBJECT = new KeysetQuery<>("access-log",
            "select reader, roles, subject, endpoint, at, id from access_log", "subject = $1", KeysetQuery.Direction.DESCENDING,
            List.of(KeysetQuery.Key.timestamp("at"), new KeysetQuery.Key("id", Long.class)), AccessLog::read, read -> List.of(read.entry().at(), read.id()));

    /** A page of the reads of {@code subject}'s records, newest first (the index on subject and time serves it). */
    public Uni<Page<Entry>> of(String subject, PageRequest page) {
        return Panache.withSession(() -> OF_SUBJECT.page(page, subject)).map(read -> read.map(Read::entry));
    }

    /** Every read of {@code subject}'s records, newest first: for the person's export. */
    public Uni<List<Entry>> all(String subject) {
        return Panache.withSession(() -> SessionSql.select("select reader, roles, subject, endpoint, at, id from access_log where subject = $1 "
                + "order by at desc, id desc", subject)).map(rows -> rows.stream().map(row -> read(row).entry()).toList());
    }

    private static Read read(Object[] row) {
        return new Read(new Entry((String) row[0], ((String) row[1]).isEmpty() ? List.of() : Stream.of(((String) row[1]).split(",")).toList(),
                (String) row[2], (String) row[3], Rows.asInstant(row[4])), ((Number) row[5]).longValue());
    }

    /** Deletes what the log holds about {@code subject} (an erasure); returns how many entries went. */
    public static Uni<Integer> forget(String subject) {
        return SessionSql.update("delete from access_log where subject = $1", subject);
    }
}
