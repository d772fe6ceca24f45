package dev.mentorship.matching.cohort;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.matching.cohort.CohortCommand.OpenCohort;
import dev.mentorship.matching.cohort.CohortEvent.CohortOpened;
import java.util.List;

public final class CohortDecider implements Decider<CohortCommand, CohortEvent, Cohort> {

    @Override
    public Cohort initialState() {
        return Cohort.initial();
    }

    @Override
    public Cohort evolve(Cohort state, CohortEvent event) {
        if (event instanceof CohortOpened opened) {
            return new Cohort(opened.cohortId(), opened.name(), opened.startDate());
        }
        throw new IllegalArgumentException("Unhandled " + event);
    }

    @Override
    public List<CohortEvent> decide(CohortCommand command, Cohort state) {
        if (command instanceof OpenCohort open) {
            if (state.exists()) {
                throw DomainException.duplicate("Cohort " + open.cohortId() + " is already open");
            }
            if (open.name() == null || open.name().isBlank()) {
                throw DomainException.invalidInput("A cohort needs a name");
            }
            return List.of(new CohortOpened(open.cohortId(), open.name().strip(), open.startDate(), open.now()));
        }
        throw new IllegalArgumentException("Unhandled " + command);
    }
}
