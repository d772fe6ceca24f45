package dev.mentorship.matching.match;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.matching.match.MatchCommand.AcceptMatch;
import dev.mentorship.matching.match.MatchCommand.ApprenticeStanding;
import dev.mentorship.matching.match.MatchCommand.DeclineMatch;
import dev.mentorship.matching.match.MatchCommand.EndMatch;
import dev.mentorship.matching.match.MatchCommand.KeepMatch;
import dev.mentorship.matching.match.MatchCommand.MentorStanding;
import dev.mentorship.matching.match.MatchCommand.PutUnderReview;
import dev.mentorship.matching.match.MatchCommand.ProposeMatch;
import dev.mentorship.matching.match.MatchEvent.MatchAccepted;
import dev.mentorship.matching.match.MatchEvent.MatchDeclined;
import dev.mentorship.matching.match.MatchEvent.MatchEnded;
import dev.mentorship.matching.match.MatchEvent.MatchKept;
import dev.mentorship.matching.match.MatchEvent.MatchPutUnderReview;
import dev.mentorship.matching.match.MatchEvent.MatchProposed;
import dev.mentorship.matching.match.MatchEvent.MatchStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

public final class MatchDecider implements Decider<MatchCommand, MatchEvent, Match> {

    @Override
    public Match initialState() {
        return Match.initial();
    }

    @Override
    public Match evolve(Match state, MatchEvent event) {
        return switch (event) {
            case MatchProposed proposed -> new Match(proposed.matchId(), proposed.mentorId(), proposed.apprenticeId(),
                    proposed.mentorSubject(), proposed.apprenticeSubject(), proposed.cohortId(), Set.of(), Match.Status.PROPOSED);
            case MatchAccepted accepted -> state.acceptedBy(accepted.party());
            case MatchStarted _ -> state.withStatus(Match.Status.STARTED);
            case MatchDeclined _ -> state.withStatus(Match.Status.DECLINED);
            case MatchEnded _ -> state.withStatus(Match.Status.ENDED);
            case MatchPutUnderReview _ -> state.withStatus(Match.Status.UNDER_REVIEW);
            case MatchKept _ -> state.withStatus(Match.Status.STARTED);
        };
    }

    @Override
    public List<MatchEvent> decide(MatchCommand command, Match state) {
        return switch (command) {
            case ProposeMatch propose -> propose(propose, state);
            case AcceptMatch accept -> accept(accept, state);
            case DeclineMatch decline -> decline(decline, state);
            case EndMatch end -> end(end, existing(state));
            case PutUnderReview review ->
                    // Only a running match can be reviewed; a concern about one already over changes nothing here.
                    existing(state).status() == Match.Status.STARTED
                            ? List.of(new MatchPutUnderReview(state.id(), review.concernId(), review.now()))
                            : List.of();
            case KeepMatch keep -> {
                if (existing(state).status() != Match.Status.UNDER_REVIEW) {
                    throw DomainException.invalidTransition("Match " + state.id() + " is " + state.status() + ", not UNDER_REVIEW");
                }
                yield List.of(new MatchKept(state.id(), keep.note(), keep.now()));
            }
        };
    }

    private static Match existing(Match state) {
        if (!state.exists()) {
            throw DomainException.notFound("No match");
        }
        return state;
    }

    private static List<MatchEvent> end(EndMatch end, Match state) {
        if (state.status() == Match.Status.PROPOSED && end.reason() == EndReason.GRADUATED) {
            // Graduation counts mentorships that ran; a proposal nobody started ends for another reason.
            throw DomainException.invalidTransition("Match " + state.id() + " never started, so it cannot end GRADUATED");
        }
        return switch (state.status()) {
            case PROPOSED, STARTED, UNDER_REVIEW -> List.of(new MatchEnded(state.id(), end.reason(), end.note(), end.now()));
            case ENDED -> List.of();
            case DECLINED -> throw DomainException.invalidTransition("Match " + state.id() + " was declined; it never started");
        };
    }

    /**
     * A mentor takes a proposal while active and below capacity; an apprentice while enrolled and
     * without another open match. Both are read under the two people's locks, so two proposals made at
     * once are decided one after the other.
     */
    private static List<MatchEvent> propose(ProposeMatch propose, Match state) {
        if (state.exists()) {
            throw DomainException.duplicate("Match " + propose.matchId() + " already exists");
        }
        MentorStanding mentor = propose.mentor();
        ApprenticeStanding apprentice = propose.apprentice();
        if (mentor.subject().equals(apprentice.subject())) {
            throw DomainException.ruleViolated("A person cannot mentor themself");
        }
        switch (mentor.status()) {
            case ACTIVE -> { }
            case PAUSED -> throw DomainException.ruleViolated("Mentor " + mentor.mentorId() + " is paused and takes no new matches");
            case OFFBOARDED -> throw DomainException.ruleViolated("Mentor " + mentor.mentorId() + " was offboarded and takes no new matches");
        }
        if (mentor.openMatches() >= mentor.capacity()) {
            throw DomainException.ruleViolated("Mentor " + mentor.mentorId() + " is at capacity (" + mentor.openMatches() + " of "
                    + mentor.capacity() + " places taken by open matches)");
        }
        switch (apprentice.status()) {
            case ENROLLED -> { }
            case WITHDRAWN -> throw DomainException.ruleViolated("Apprentice " + apprentice.apprenticeId() + " has withdrawn from the program");
            case GRADUATED -> throw DomainException.ruleViolated("Apprentice " + apprentice.apprenticeId() + " has graduated");
        }
        if (!apprentice.openMatchIds().isEmpty()) {
            throw DomainException.ruleViolated("Apprentice " + apprentice.apprenticeId() + " already has an open match ("
                    + String.join(", ", apprentice.openMatchIds()) + "); it must end or be declined first");
        }
        return List.of(new MatchProposed(propose.matchId(), mentor.mentorId(), apprentice.apprenticeId(), mentor.subject(),
                apprentice.subject(), apprentice.cohortId(), propose.now()));
    }

    private static List<MatchEvent> decline(DeclineMatch decline, Match state) {
        if (!state.exists()) {
            throw DomainException.notFound("No match " + decline.matchId());
        }
        Party party = state.partyOf(decline.actor()).orElseThrow(() ->
                DomainException.notAllowed("Only the mentor or the apprentice of this match can decline it"));
        if (state.status() == Match.Status.DECLINED) {
            return List.of();
        }
        if (state.status() != Match.Status.PROPOSED) {
            throw DomainException.invalidTransition("Match " + decline.matchId() + " is " + state.status() + "; only a proposal can be declined");
        }
        if (decline.reason() == null || decline.reason().isBlank()) {
            throw DomainException.invalidInput("A decline needs a reason");
        }
        return List.of(new MatchDeclined(decline.matchId(), party, decline.reason().strip(), decline.now()));
    }

    private static List<MatchEvent> accept(AcceptMatch accept, Match state) {
        if (!state.exists()) {
            throw DomainException.notFound("No match " + accept.matchId());
        }
        Party party = state.partyOf(accept.actor()).orElseThrow(() ->
                DomainException.notAllowed("Only the mentor or the apprentice of this match can accept it"));
        if (state.acceptedBy().contains(party)) {
            return List.of(); // accepting twice is harmless: the client may be retrying
        }
        if (state.status() != Match.Status.PROPOSED) {
            throw DomainException.invalidTransition("Match " + accept.matchId() + " is " + state.status() + ", not PROPOSED");
        }
        List<MatchEvent> events = new ArrayList<>();
        events.add(new MatchAccepted(accept.matchId(), party, accept.now()));
        Party other = party == Party.MENTOR ? Party.APPRENTICE : Party.MENTOR;
        if (state.acceptedBy().contains(other)) {
            events.add(new MatchStarted(accept.matchId(), accept.now()));
        }
        return events;
    }
}
