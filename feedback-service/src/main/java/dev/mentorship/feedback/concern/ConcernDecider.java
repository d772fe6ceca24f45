package dev.mentorship.feedback.concern;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.feedback.concern.Concern.Status;
import dev.mentorship.feedback.concern.ConcernEvent.ConcernAcknowledged;
import dev.mentorship.feedback.concern.ConcernEvent.ConcernRaised;
import dev.mentorship.feedback.concern.ConcernEvent.ConcernResolved;
import java.util.List;

/**
 * A concern is raised once (raising it again changes nothing), acknowledged by the program office,
 * then resolved by it; acknowledging or resolving again changes nothing, and a resolved concern
 * stays resolved.
 */
public final class ConcernDecider implements Decider<ConcernCommand, ConcernEvent, Concern> {

    @Override
    public Concern initialState() {
        return Concern.initial();
    }

    @Override
    public Concern evolve(Concern state, ConcernEvent event) {
        return switch (event) {
            case ConcernRaised raised -> new Concern(raised, Status.RAISED, null, null);
            case ConcernAcknowledged acknowledged -> new Concern(state.raised(), Status.ACKNOWLEDGED, acknowledged.at(), null);
            case ConcernResolved resolved -> new Concern(state.raised(), Status.RESOLVED, state.acknowledgedAt(), resolved.at());
        };
    }

    @Override
    public List<ConcernEvent> decide(ConcernCommand command, Concern state) {
        return switch (command) {
            case ConcernCommand.Raise raise -> {
                if (state.status() == Status.NONE) {
                    yield List.of(new ConcernRaised(raise.concernId(), raise.matchId(), raise.cohortId(), raise.source(), raise.side(), raise.severity(),
                            List.copyOf(raise.domains()), raise.now()));
                }
                ConcernRaised earlier = state.raised();
                if (!earlier.matchId().equals(raise.matchId()) || earlier.severity() != raise.severity() || earlier.source() != raise.source()) {
                    throw DomainException.keyReused("This Idempotency-Key already raised concern " + earlier.concernId() + " about another match or severity");
                }
                yield List.of();
            }
            case ConcernCommand.Acknowledge acknowledge -> {
                requireProgramOffice(acknowledge.programOffice(), state);
                yield state.status() != Status.RAISED ? List.of()
                        : List.of(new ConcernAcknowledged(state.raised().concernId(), state.raised().matchId(), acknowledge.by(), acknowledge.now()));
            }
            case ConcernCommand.Resolve resolve -> {
                requireProgramOffice(resolve.programOffice(), state);
                yield state.status() == Status.RESOLVED ? List.of()
                        : List.of(new ConcernResolved(state.raised().concernId(), state.raised().matchId(), resolve.by(), resolve.now()));
            }
        };
    }

    private static void requireProgramOffice(boolean programOffice, Concern state) {
        if (!programOffice) {
            throw DomainException.notAllowed("Only the program office acknowledges and resolves concerns");
        }
        if (state.status() == Status.NONE) {
            throw DomainException.notFound("No such concern");
        }
    }
}
