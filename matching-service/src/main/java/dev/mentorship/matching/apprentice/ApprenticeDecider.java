package dev.mentorship.matching.apprentice;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.matching.TimeZones;
import dev.mentorship.eventsourcing.security.Pseudonyms;
import dev.mentorship.matching.apprentice.ApprenticeCommand.EnrollApprentice;
import dev.mentorship.matching.apprentice.ApprenticeCommand.LinkSignIn;
import dev.mentorship.matching.apprentice.ApprenticeCommand.RecordGraduation;
import dev.mentorship.matching.apprentice.ApprenticeCommand.UpdateApprentice;
import dev.mentorship.matching.apprentice.ApprenticeCommand.WithdrawApprentice;
import dev.mentorship.matching.apprentice.ApprenticeEvent.ApprenticeEnrolled;
import dev.mentorship.matching.apprentice.ApprenticeEvent.ApprenticeGraduated;
import dev.mentorship.matching.apprentice.ApprenticeEvent.ApprenticeUpdated;
import dev.mentorship.matching.apprentice.ApprenticeEvent.ApprenticeWithdrawn;
import dev.mentorship.matching.apprentice.ApprenticeEvent.SignInLinked;
import java.util.List;
import java.util.Objects;

public final class ApprenticeDecider implements Decider<ApprenticeCommand, ApprenticeEvent, Apprentice> {

    @Override
    public Apprentice initialState() {
        return Apprentice.initial();
    }

    @Override
    public Apprentice evolve(Apprentice state, ApprenticeEvent event) {
        return switch (event) {
            case ApprenticeEnrolled e -> new Apprentice(e.apprenticeId(), e.subject(), e.goals(), e.timezone(), e.cohortId(),
                    e.managerId(), Apprentice.Status.ENROLLED, null);
            case ApprenticeUpdated u -> new Apprentice(state.id(), state.subject(), u.goals(), u.timezone(), state.cohortId(),
                    u.managerId(), state.status(), state.signInSubject());
            case SignInLinked linked -> state.withSignIn(linked.signInSubject());
            case ApprenticeWithdrawn _ -> state.with(Apprentice.Status.WITHDRAWN);
            case ApprenticeGraduated _ -> state.with(Apprentice.Status.GRADUATED);
        };
    }

    @Override
    public List<ApprenticeEvent> decide(ApprenticeCommand command, Apprentice state) {
        return switch (command) {
            case EnrollApprentice enroll -> {
                if (state.exists()) {
                    throw DomainException.duplicate("Apprentice " + enroll.apprenticeId() + " is already enrolled");
                }
                TimeZones.require(enroll.timezone());
                yield List.of(new ApprenticeEnrolled(enroll.apprenticeId(), enroll.subject(), List.copyOf(enroll.goals()),
                        enroll.timezone(), enroll.cohortId(), enroll.managerId(), enroll.now()));
            }
            // A graduation reported by progress-service is a fact; repeating it changes nothing.
            case RecordGraduation graduation -> existing(state).status() == Apprentice.Status.GRADUATED ? List.of()
                    : List.of(new ApprenticeGraduated(state.id(), graduation.graduatedAt()));
            case LinkSignIn link -> {
                if (!Pseudonyms.is(existing(state).subject())) {
                    throw DomainException.invalidTransition("Apprentice " + state.id() + " signs in under their own subject; there is nothing to link");
                }
                if (link.signInSubject().equals(state.signInSubject())) {
                    yield List.of();
                }
                if (state.signInSubject() != null) {
                    throw DomainException.duplicate("Apprentice " + state.id() + " is linked to another sign-in already");
                }
                yield List.of(new SignInLinked(state.id(), link.signInSubject(), link.now()));
            }
            case UpdateApprentice update -> {
                enrolled(state);
                if (update.timezone() != null) {
                    TimeZones.require(update.timezone());
                }
                ApprenticeUpdated next = new ApprenticeUpdated(state.id(),
                        update.goals() != null ? List.copyOf(update.goals()) : state.goals(),
                        update.timezone() != null ? update.timezone() : state.timezone(),
                        update.managerId() != null ? update.managerId() : state.managerId(), update.now());
                boolean unchanged = next.goals().equals(state.goals()) && next.timezone().equals(state.timezone())
                        && Objects.equals(next.managerId(), state.managerId());
                yield unchanged ? List.of() : List.of(next);
            }
            case WithdrawApprentice withdraw -> {
                if (existing(state).status() == Apprentice.Status.WITHDRAWN) {
                    yield List.of();
                }
                enrolled(state);
                if (withdraw.reason() == null || withdraw.reason().isBlank()) {
                    throw DomainException.invalidInput("A withdrawal needs a reason");
                }
                yield List.of(new ApprenticeWithdrawn(state.id(), withdraw.reason().strip(), withdraw.now()));
            }
        };
    }

    private static Apprentice existing(Apprentice state) {
        if (!state.exists()) {
            throw DomainException.notFound("No apprentice");
        }
        return state;
    }

    private static void enrolled(Apprentice state) {
        if (existing(state).status() != Apprentice.Status.ENROLLED) {
            throw DomainException.invalidTransition("Apprentice " + state.id() + " is " + state.status());
        }
    }
}
