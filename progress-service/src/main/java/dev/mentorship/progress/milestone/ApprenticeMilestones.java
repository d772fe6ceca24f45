package dev.mentorship.progress.milestone;

import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.progress.apprentice.ApprenticeProgress;
import dev.mentorship.progress.curriculum.Curricula;
import dev.mentorship.progress.curriculum.Curriculum;
import dev.mentorship.progress.milestone.MilestoneCommand.Catalogue;
import dev.mentorship.progress.milestone.MilestoneCommand.Party;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Runs milestone commands: finds who the caller is to the apprentice (from the apprentice's record:
 * the apprentice, their current mentor, or neither), the catalogue the apprentice follows (the current
 * one for their first command), and hands both to the decider with the command.
 */
@ApplicationScoped
public class ApprenticeMilestones {

    /**
     * Builds a command from the caller's relation, the catalogue followed, the time, and the apprentice's
     * current match (or, without one, their latest; null if they never had one).
     */
    @FunctionalInterface
    public interface CommandFor {
        MilestoneCommand of(Party party, Catalogue catalogue, Instant now, String matchId);
    }

    private final CommandHandler commands;
    private final Aggregate<MilestoneCommand, MilestoneEvent, Milestones> milestones;
    private final Curricula curricula;
    private final Caller caller;
    private final Clock clock;

    public ApprenticeMilestones(CommandHandler commands, Aggregate<MilestoneCommand, MilestoneEvent, Milestones> milestones,
            Curricula curricula, Caller caller, Clock clock) {
        this.commands = commands;
        this.milestones = milestones;
        this.curricula = curricula;
        this.caller = caller;
        this.clock = clock;
    }

    public Uni<Versioned<Milestones>> run(String apprenticeId, CommandFor command, OptionalInt expected) {
        Ids.parse(apprenticeId, "apprentice");
        return Panache.withSession(() -> ApprenticeProgress.<ApprenticeProgress>findById(apprenticeId)).chain(record -> {
            if (record == null) {
                throw DomainException.notFound("No apprentice " + apprenticeId + " is known here");
            }
            if (record.withdrawnAt != null) {
                throw DomainException.invalidTransition("Apprentice " + apprenticeId + " has withdrawn from the program");
            }
            Party party = party(record);
            Uni<String> match = record.matchId != null ? Uni.createFrom().item(record.matchId) : Panache.withSession(() -> SessionSql.select(
                    "select match_id from progress_matches where apprentice_id = $1 order by started_at desc limit 1", apprenticeId))
                    .map(rows -> rows.isEmpty() ? null : (String) rows.getFirst()[0]);
            return match.chain(matchId -> followed(apprenticeId).chain(catalogue -> commands.handle(milestones, apprenticeId,
                    command.of(party, catalogue, clock.instant(), matchId), caller.context().expecting(expected), clock::instant)));
        });
    }

    /** The apprentice's milestones as recorded, with the catalogue they follow (the current one while they have started none). */
    public Uni<Followed> followedBy(String apprenticeId) {
        return commands.load(milestones, apprenticeId).chain(read -> followed(read.state())
                .map(catalogue -> new Followed(read.state(), catalogue)));
    }

    /** The same as it stood at {@code asOf}, from the events recorded until then. */
    public Uni<Followed> followedBy(String apprenticeId, Instant asOf) {
        return commands.loadAsOf(milestones, apprenticeId, asOf).chain(read -> followed(read.state())
                .map(catalogue -> new Followed(read.state(), catalogue)));
    }

    /** An apprentice's milestones and the catalogue they follow. */
    public record Followed(Milestones milestones, Catalogue catalogue) {
    }

    private Uni<Catalogue> followed(String apprenticeId) {
        return commands.load(milestones, apprenticeId).chain(read -> followed(read.state()));
    }

    private Uni<Catalogue> followed(Milestones state) {
        return curricula.all().map(read -> {
            Curriculum.Version version = state.curriculumVersion() == null ? read.state().current().orElseThrow()
                    : read.state().version(state.curriculumVersion()).orElseThrow();
            return new Catalogue(version.version(), version.milestones());
        });
    }

    private Party party(ApprenticeProgress record) {
        String subject = caller.subject();
        if (Objects.equals(subject, record.apprenticeSubject)) {
            return Party.apprentice();
        }
        if (record.matchId != null && Objects.equals(subject, record.mentorSubject)) {
            return Party.currentMentor(record.mentorId);
        }
        return caller.isProgramStaff() ? Party.programOffice() : Party.other();
    }
}
