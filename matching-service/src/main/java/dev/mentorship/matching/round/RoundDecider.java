package dev.mentorship.matching.round;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.matching.round.RoundEvent.MatchingRoundPublished;
import java.time.Instant;
import java.util.List;

/** State: whether the round was published. */
public final class RoundDecider implements Decider<RoundDecider.PublishRound, RoundEvent, Boolean> {

    public record PublishRound(String roundId, String cohortId, int proposals, int unmatched, Instant now) {
    }

    @Override
    public Boolean initialState() {
        return false;
    }

    @Override
    public Boolean evolve(Boolean published, RoundEvent event) {
        return switch (event) {
            case MatchingRoundPublished _ -> true;
        };
    }

    @Override
    public List<RoundEvent> decide(PublishRound command, Boolean published) {
        if (published) {
            throw DomainException.invalidTransition("Round " + command.roundId() + " was already published");
        }
        return List.of(new MatchingRoundPublished(command.roundId(), command.cohortId(), command.proposals(), command.unmatched(),
                command.now()));
    }
}
