package dev.mentorship.matching.apprentice;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.matching.TimeZones;
import dev.mentorship.matching.apprentice.ApprenticeCommand.EnrollApprentice;
import dev.mentorship.matching.apprentice.ApprenticeCommand.RecordGraduation;
import dev.mentorship.matching.apprentice.ApprenticeCommand.UpdateApprentice;
import dev.mentorship.matching.apprentice.ApprenticeCommand.WithdrawApprentice;
import dev.mentorship.matching.apprentice.ApprenticeEvent.ApprenticeEnrolled;
import dev.mentorship.matching.apprentice.ApprenticeEvent.ApprenticeGraduated;
import dev.mentorship.matching.apprentice.ApprenticeEvent.ApprenticeUpdated;
import dev.mentorship.matching.apprentice.ApprenticeEvent.ApprenticeWithdrawn;
import java.util.List;
import java.util.Objects;

public final class ApprenticeDecider implements Decider<ApprenticeCommand, ApprenticeEvent, Apprentice> {

    @Override
    public Apprentice initialState() {
        return Apprentice.initial();
    }

    @Override
    public Apprentice evolve(Apprentice state, ApprenticeEvent event) {
        if (event instanceof ApprenticeEnrolled e) {
            return new Apprentice(e.apprenticeId(), e.subject(), e.goals(), e.timezone(), e.cohortId(), e.managerId(),
                    Apprentice.Status.ENROLLED);
        }
        if (event instanceof ApprenticeUpdated u) {
            return new Apprentice(state.id(), state.subject(), u.goals(), u.timezone(), state.cohortId(), u.managerId(), state.status());
        }
        if (event instanceof ApprenticeWithdrawn) {
            return state.with(Apprentice.Status.WITHDRAWN);
        }
        if (event instanceof ApprenticeGraduated) {
            return state.with(Apprentice.Status.GRADUATED);
        }
        throw new IllegalArgumentException("Unhandled " + event);
    }

    @Override
    public List<ApprenticeEvent> decide(ApprenticeCommand command, Apprentice state) {
        if (command instanceof EnrollApprentice enroll) {
            if (state.exists()) {
                throw DomainException.duplicate("Apprentice " + enroll.apprenticeId() + " is already enrolled");
            }
            TimeZones.require(enroll.timezone());
            return List.of(new ApprenticeEnrolled(enroll.apprenticeId(), enroll.subject(), List.copyOf(enroll.goals()),
                    enroll.timezone(), enroll.cohortId(), enroll.managerId(), enroll.now()));
        }
        if (!state.exists()) {
            throw DomainException.notFound("No apprentice");
        }
        if (command instanceof RecordGraduation graduation) {
            // A graduation reported by progress-service is a fact; repeating it changes nothing.
            return state.status() == Apprentice.Status.GRADUATED ? List.of()
                    : List.of(new ApprenticeGraduated(state.id(), graduation.graduatedAt()));
        }
        if (state.status() != Apprentice.Status.ENROLLED) {
            if (command instanceof WithdrawApprentice && state.status() == Apprentice.Status.WITHDRAWN) {
                return List.of();
            }
            throw DomainException.invalidTransition("Apprentice " + state.id() + " is " + state.status());
        }
        if (command instanceof UpdateApprentice update) {
            if (update.timezone() != null) {
                TimeZones.require(update.timezone());
            }
            ApprenticeUpdated next = new ApprenticeUpdated(state.id(),
                    update.goals() != null ? List.copyOf(update.goals()) : state.goals(),
                    update.timezone() != null ? update.timezone() : state.timezone(),
                    update.managerId() != null ? update.managerId() : state.managerId(), update.now());
            boolean unchanged = next.goals().equals(state.goals()) && next.timezone().equals(state.timezone())
                    && Objects.equals(next.managerId(), state.managerId());
            return unchanged ? List.of() : List.of(next);
        }
        if (command instanceof WithdrawApprentice withdraw) {
            if (withdraw.reason() == null || withdraw.reason().isBlank()) {
                throw DomainException.invalidInput("A withdrawal needs a reason");
            }
            return List.of(new ApprenticeWithdrawn(state.id(), withdraw.reason().strip(), withdraw.now()));
        }
        throw new IllegalArgumentException("Unhandled " + command);
    }
}
