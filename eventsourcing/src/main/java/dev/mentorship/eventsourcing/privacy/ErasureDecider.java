package dev.mentorship.eventsourcing.privacy;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.privacy.ErasureCommand.ConfirmErasure;
import dev.mentorship.eventsourcing.privacy.ErasureCommand.RequestErasure;
import dev.mentorship.eventsourcing.privacy.ErasureEvent.ErasureConfirmed;
import dev.mentorship.eventsourcing.privacy.ErasureEvent.ErasureRequested;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An erasure is asked for once and confirmed once per service; asking or confirming again changes nothing. */
public final class ErasureDecider implements Decider<ErasureCommand, ErasureEvent, Erasure> {

    @Override
    public Erasure initialState() {
        return Erasure.NONE;
    }

    @Override
    public List<ErasureEvent> decide(ErasureCommand command, Erasure state) {
        return switch (command) {
            case RequestErasure request -> state.requested() ? List.of()
                    : List.of(new ErasureRequested(request.erasureId(), request.subject(), request.requestedBy(), request.at()));
            case ConfirmErasure confirm -> state.confirmations().containsKey(confirm.service()) ? List.of()
                    : List.of(new ErasureConfirmed(confirm.erasureId(), confirm.service(), confirm.subject(), Map.copyOf(confirm.erased()),
                            confirm.at()));
        };
    }

    @Override
    public Erasure evolve(Erasure state, ErasureEvent event) {
        return switch (event) {
            case ErasureRequested requested -> new Erasure(requested.erasureId(), requested.subject(), requested.requestedBy(), requested.at(),
                    state.confirmations());
            case ErasureConfirmed confirmed -> {
                Map<String, Erasure.Confirmation> confirmations = new LinkedHashMap<>(state.confirmations());
                confirmations.put(confirmed.service(), new Erasure.Confirmation(confirmed.erased(), confirmed.at()));
                yield new Erasure(confirmed.erasureId(), state.subject() == null ? confirmed.subject() : state.subject(), state.requestedBy(),
                        state.requestedAt(), Map.copyOf(confirmations));
            }
        };
    }
}
