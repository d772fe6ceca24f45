package dev.mentorship.matching.apprentice;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.matching.TimeZones;
import dev.mentorship.matching.apprentice.ApprenticeCommand.EnrollApprentice;
import dev.mentorship.matching.apprentice.ApprenticeEvent.ApprenticeEnrolled;
import java.util.List;

public final class ApprenticeDecider implements Decider<ApprenticeCommand, ApprenticeEvent, Apprentice> {

    @Override
    public Apprentice initialState() {
        return Apprentice.initial();
    }

    @Override
    public Apprentice evolve(Apprentice state, ApprenticeEvent event) {
        if (event instanceof ApprenticeEnrolled enrolled) {
            return new Apprentice(enrolled.apprenticeId(), enrolled.subject(), enrolled.goals(), enrolled.timezone(),
                    enrolled.cohortId(), enrolled.managerId(), Apprentice.Status.ENROLLED);
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
        throw new IllegalArgumentException("Unhandled " + command);
    }
}
