package dev.mentorship.progress.checkin;

import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.privacy.AccessLog;
import dev.mentorship.eventsourcing.store.Rows;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.progress.checkin.CheckInCommand.Match;
import dev.mentorship.progress.checkin.CheckInCommand.Party;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.OptionalInt;
import java.util.function.BiFunction;

/** Runs check-in commands: finds the match as this service knows it and who the caller is to it. */
@ApplicationScoped
public class MatchCheckIns {

    /** The match, who the caller is to it (the subjects say, since the caller is known by their token), and the subjects of its two people. */
    public record Known(Match match, Party party, List<String> subjects) {
    }

    private final CommandHandler commands;
    private final Aggregate<CheckInCommand, CheckInEvent, CheckIns> checkIns;
    private final Caller caller;
    private final Clock clock;
    private final AccessLog accessLog;

    public MatchCheckIns(CommandHandler commands, Aggregate<CheckInCommand, CheckInEvent, CheckIns> checkIns, Caller caller, Clock clock,
            AccessLog accessLog) {
        this.accessLog = accessLog;
        this.commands = commands;
        this.checkIns = checkIns;
        this.caller = caller;
        this.clock = clock;
    }

    public Uni<Versioned<CheckIns>> run(String matchId, BiFunction<Known, Instant, CheckInCommand> command, OptionalInt expected) {
        return known(matchId).chain(known -> commands.handle(checkIns, matchId, command.apply(known, clock.instant()),
                caller.context().expecting(expected), clock::instant));
    }

    /** The match's check-ins, if the caller may read them: the pair, or the program office. */
    public Uni<Read> read(String matchId) {
        return known(matchId).chain(known -> {
            if (known.party() == Party.OTHER) {
                throw DomainException.notAllowed("Only the mentor and the apprentice of the match, or the program office, read its check-ins");
            }
            // The program office reads the pair's record: the access log says so (AccessLog leaves out the caller's own reads).
            return commands.load(checkIns, matchId).call(() -> known.party() == Party.PROGRAM_OFFICE
                    ? accessLog.read(caller, known.subjects()) : Uni.createFrom().voidItem())
                    .map(read -> new Read(known, read));
        });
    }

    public record Read(Known known, Versioned<CheckIns> checkIns) {
    }

    /** The overdue job's command on one match, as the job's own actor. */
    public Uni<Versioned<CheckIns>> detectOverdue(Match match, java.time.Duration grace, Instant now) {
        return commands.handle(checkIns, match.matchId(), new CheckInCommand.DetectOverdue(match, grace, now),
                CommandContext.of("progress-service", "check-in-overdue-" + match.matchId()), () -> now);
    }

    private Uni<Known> known(String matchId) {
        Ids.parse(matchId, "match");
        return Panache.withSession(() -> SessionSql.select("select m.apprentice_id, m.mentor_id, m.started_at, m.ended_at, m.mentor_subject,"
                + " a.apprentice_subject from progress_matches m left join apprentice_progress a on a.apprentice_id = m.apprentice_id"
                + " where m.match_id = $1", matchId)).map(rows -> {
                    if (rows.isEmpty()) {
                        throw DomainException.notFound("No match " + matchId + " is known here");
                    }
                    Object[] row = rows.getFirst();
                    Match match = new Match(matchId, (String) row[0], (String) row[1], Rows.asInstant(row[2]), Rows.asInstant(row[3]));
                    List<String> subjects = Stream.of((String) row[4], (String) row[5]).filter(Objects::nonNull).toList();
                    return new Known(match, party(match, (String) row[4], (String) row[5]), subjects);
                });
    }

    /** The mentor of an ended match is nobody to it any more; its apprentice still reads their own check-ins. */
    private Party party(Match match, String mentorSubject, String apprenticeSubject) {
        String subject = caller.subject();
        if (Objects.equals(subject, apprenticeSubject)) {
            return Party.APPRENTICE;
        }
        if (Objects.equals(subject, mentorSubject) && !match.ended()) {
            return Party.MENTOR;
        }
        return caller.isProgramStaff() ? Party.PROGRAM_OFFICE : Party.OTHER;
    }

}
