package dev.mentorship.progress.curriculum;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.store.ConcurrencyConflict;
import dev.mentorship.progress.curriculum.CurriculumCommand.PublishCurriculum;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;

/**
 * The one milestone catalogue of the program: a stream of published versions. The catalogue the
 * service ships ({@code curriculum/sre-apprenticeship.json}, written from the talk) is its version 1,
 * published the first time the catalogue is asked for; the program office publishes later ones.
 */
@ApplicationScoped
public class Curricula {

    /** The catalogue's stream: one per deployment. */
    static final String ID = "sre-apprenticeship";
    static final String SHIPPED = "curriculum/sre-apprenticeship.json";
    /** Who published the shipped version, as its events and answers say. */
    static final String SHIPPED_BY = "progress-service";

    private record Shipped(List<Milestone> milestones) {
    }

    private final CommandHandler commands;
    private final Aggregate<CurriculumCommand, CurriculumEvent, Curriculum> curricula;
    private final Clock clock;
    private final List<Milestone> shipped;

    public Curricula(CommandHandler commands, Aggregate<CurriculumCommand, CurriculumEvent, Curriculum> curricula, Clock clock,
            ObjectMapper json) {
        this.commands = commands;
        this.curricula = curricula;
        this.clock = clock;
        this.shipped = shipped(json);
    }

    /** Every version; the shipped one is published first where none is yet. */
    public Uni<Versioned<Curriculum>> all() {
        return commands.load(curricula, ID).chain(read -> read.state().exists() ? Uni.createFrom().item(read) : seed());
    }

    /** Publishes {@code milestones} as the next version, at the version the caller read when {@code expected} names one. */
    public Uni<Versioned<Curriculum>> publish(List<Milestone> milestones, String publishedBy, CommandContext context, OptionalInt expected) {
        // The shipped version goes in first, so that the program office's first publication is version 2.
        return all().chain(() -> commands.handle(curricula, ID, new PublishCurriculum(milestones, publishedBy, clock.instant()),
                expected.isPresent() ? context.expecting(expected) : context, clock::instant));
    }

    /**
     * Publishes the shipped catalogue as version 1. Two instances, or two first requests, may try at
     * once: one appends, the other's append at version 0 fails, and it reads what the first wrote.
     */
    private Uni<Versioned<Curriculum>> seed() {
        return commands.handle(curricula, ID, new PublishCurriculum(shipped, SHIPPED_BY, clock.instant()),
                        CommandContext.of(SHIPPED_BY, "curriculum-seed").expecting(OptionalInt.of(0)), clock::instant)
                .onFailure(ConcurrencyConflict.class).recoverWithUni(() -> commands.load(curricula, ID));
    }

    private static List<Milestone> shipped(ObjectMapper json) {
        try (InputStream in = Curricula.class.getClassLoader().getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED + " is missing from the service");
            }
            return json.readValue(in, Shipped.class).milestones();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SHIPPED, e);
        }
    }
}
