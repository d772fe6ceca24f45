package dev.mentorship.matching.cohort;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.matching.cohort.CohortCommand.OpenCohort;
import dev.mentorship.matching.cohort.CohortCommand.SetMatchingWeights;
import dev.mentorship.matching.cohort.CohortCommand.SetOwners;
import dev.mentorship.matching.cohort.CohortEvent.CohortMatchingWeightsChanged;
import dev.mentorship.matching.cohort.CohortEvent.CohortOpened;
import dev.mentorship.matching.cohort.CohortEvent.CohortOwnersChanged;
import java.util.LinkedHashSet;
import java.util.List;

public final class CohortDecider implements Decider<CohortCommand, CohortEvent, Cohort> {

    static final int MAX_OWNERS = 20;

    @Override
    public Cohort initialState() {
        return Cohort.initial();
    }

    @Override
    public Cohort evolve(Cohort state, CohortEvent event) {
        return switch (event) {
            case CohortOpened opened -> new Cohort(opened.cohortId(), opened.name(), opened.startDate(),
                    opened.weights() == null ? MatchingWeights.standard() : opened.weights(),
                    opened.owners() == null ? List.of() : opened.owners());
            case CohortMatchingWeightsChanged changed -> new Cohort(state.id(), state.name(), state.startDate(), changed.weights(),
                    state.owners());
            case CohortOwnersChanged changed -> new Cohort(state.id(), state.name(), state.startDate(), state.weights(), changed.owners());
        };
    }

    @Override
    public List<CohortEvent> decide(CohortCommand command, Cohort state) {
        return switch (command) {
            case OpenCohort open -> {
                if (state.exists()) {
                    throw DomainException.duplicate("Cohort " + open.cohortId() + " is already open");
                }
                if (open.name() == null || open.name().isBlank()) {
                    throw DomainException.invalidInput("A cohort needs a name");
                }
                MatchingWeights weights = open.weights() == null ? MatchingWeights.standard() : open.weights().checked();
                List<String> owners = open.owners() == null ? List.of() : owners(open.owners());
                yield List.of(new CohortOpened(open.cohortId(), open.name().strip(), open.startDate(), weights, owners, open.now()));
            }
            case SetMatchingWeights set -> {
                requireOpen(state, set.cohortId());
                requireManagedBy(state, set.actor(), set.admin());
                MatchingWeights weights = state.weights().with(set.goals(), set.workingHours(), set.availability());
                yield weights.equals(state.weights()) ? List.of()
                        : List.of(new CohortMatchingWeightsChanged(set.cohortId(), weights, set.now()));
            }
            case SetOwners set -> {
                requireOpen(state, set.cohortId());
                requireManagedBy(state, set.actor(), set.admin());
                List<String> owners = owners(set.owners());
                yield owners.equals(state.owners()) ? List.of() : List.of(new CohortOwnersChanged(set.cohortId(), owners, set.now()));
            }
        };
    }

    private static void requireOpen(Cohort state, String cohortId) {
        if (!state.exists()) {
            throw DomainException.notFound("No cohort " + cohortId);
        }
    }

    /**
     * Refuses (403) a caller who may not manage the cohort: where a cohort has owners, only they and
     * admins change its settings, its owners and its matching rounds.
     */
    public static void requireManagedBy(Cohort cohort, String subject, boolean admin) {
        if (!cohort.managedBy(subject, admin)) {
            throw DomainException.notAllowed("Cohort " + cohort.id() + " is managed by its owners (" + String.join(", ", cohort.owners())
                    + ") and admins; ask one of them");
        }
    }

    /** Distinct, trimmed, in the order given. */
    private static List<String> owners(List<String> requested) {
        LinkedHashSet<String> owners = new LinkedHashSet<>();
        for (String owner : requested) {
            if (owner == null || owner.isBlank()) {
                throw DomainException.invalidInput("A cohort owner is the subject of someone in the program office; blank is not one");
            }
            owners.add(owner.strip());
        }
        if (owners.size() > MAX_OWNERS) {
            throw DomainException.invalidInput("A cohort has at most " + MAX_OWNERS + " owners");
        }
        return List.copyOf(owners);
    }
}
