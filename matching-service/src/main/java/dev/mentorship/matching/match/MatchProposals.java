package dev.mentorship.matching.match;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.reactive.InOrder;
import dev.mentorship.matching.apprentice.Apprentice;
import dev.mentorship.matching.apprentice.ApprenticeCommand;
import dev.mentorship.matching.apprentice.ApprenticeEvent;
import dev.mentorship.matching.match.MatchCommand.ApprenticeStanding;
import dev.mentorship.matching.match.MatchCommand.MentorStanding;
import dev.mentorship.matching.match.MatchCommand.ProposeMatch;
import dev.mentorship.matching.match.OpenMatches.OpenMatch;
import dev.mentorship.matching.mentor.Mentor;
import dev.mentorship.matching.mentor.MentorCommand;
import dev.mentorship.matching.mentor.MentorEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Proposes matches, one or a round's worth, inside the caller's transaction, each decided by
 * {@link MatchDecider} on the mentor's and the apprentice's streams and their open matches.
 *
 * <p>In two steps, because a transaction that writes several streams reads them all before its
 * first write: {@link #read} locks the people and reads what the proposals are decided on; the caller
 * may then read what else it writes (a round's own stream); {@link #propose} decides and appends.
 */
@ApplicationScoped
public class MatchProposals {

    /** A match to propose under {@code matchId}, a new id. */
    public record Pair(String matchId, String mentorId, String apprenticeId) {
    }

    /** What the proposals are decided on, read under the people's locks. */
    public record Standings(Map<String, Versioned<Mentor>> mentors, Map<String, Versioned<Apprentice>> apprentices,
            List<OpenMatch> open) {
    }

    private final CommandHandler commands;
    private final OpenMatches openMatches;
    private final Aggregate<MatchCommand, MatchEvent, Match> matches;
    private final Aggregate<MentorCommand, MentorEvent, Mentor> mentors;
    private final Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices;

    public MatchProposals(CommandHandler commands, OpenMatches openMatches, Aggregate<MatchCommand, MatchEvent, Match> matches,
            Aggregate<MentorCommand, MentorEvent, Mentor> mentors, Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices) {
        this.commands = commands;
        this.openMatches = openMatches;
        this.matches = matches;
        this.mentors = mentors;
        this.apprentices = apprentices;
    }

    /** Takes the locks of every mentor and apprentice in {@code pairs}, then reads their streams and their open matches. */
    public Uni<Standings> read(List<Pair> pairs) {
        Set<String> mentorIds = pairs.stream().map(Pair::mentorId).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> apprenticeIds = pairs.stream().map(Pair::apprenticeId).collect(Collectors.toCollection(LinkedHashSet::new));
        return openMatches.lock(mentorIds, apprenticeIds)
                .chain(() -> InOrder.map(mentorIds, id -> commands.loadInSession(mentors, id)))
                .chain(mentorStates -> InOrder.map(apprenticeIds, id -> commands.loadInSession(apprentices, id))
                        .chain(apprenticeStates -> openMatches.of(mentorIds, apprenticeIds)
                                .map(open -> new Standings(byId(mentorStates), byId(apprenticeStates), open))));
    }

    /**
     * Proposes each pair in turn; each counts the ones before it, so a round cannot fill a mentor past
     * their capacity. The first that a rule refuses fails the whole call, and the caller's transaction
     * with it, so nothing is written.
     */
    public Uni<List<Versioned<Match>>> propose(List<Pair> pairs, Standings standings, CommandContext context, Instant now) {
        Map<String, Integer> mentorLoad = new HashMap<>();
        Map<String, List<String>> apprenticeOpen = new HashMap<>();
        for (OpenMatch open : standings.open()) {
            mentorLoad.merge(open.mentorId(), 1, Integer::sum);
            apprenticeOpen.computeIfAbsent(open.apprenticeId(), id -> new ArrayList<>()).add(open.matchId());
        }
        return InOrder.map(pairs, pair -> {
            Versioned<Mentor> mentor = standings.mentors().get(pair.mentorId());
            Versioned<Apprentice> apprentice = standings.apprentices().get(pair.apprenticeId());
            if (mentor == null || !mentor.exists()) {
                throw DomainException.notFound("No mentor " + pair.mentorId());
            }
            if (apprentice == null || !apprentice.exists()) {
                throw DomainException.notFound("No apprentice " + pair.apprenticeId());
            }
            Mentor m = mentor.state();
            Apprentice a = apprentice.state();
            List<String> open = apprenticeOpen.computeIfAbsent(a.id(), id -> new ArrayList<>());
            ProposeMatch command = new ProposeMatch(pair.matchId(),
                    new MentorStanding(m.id(), m.subject(), m.status(), m.capacity(), mentorLoad.getOrDefault(m.id(), 0)),
                    new ApprenticeStanding(a.id(), a.subject(), a.status(), a.cohortId(), List.copyOf(open)), now);
            return commands.executeNew(matches, pair.matchId(), command, context, now).invoke(proposed -> {
                mentorLoad.merge(m.id(), 1, Integer::sum);
                open.add(pair.matchId());
            });
        });
    }

    private static <S> Map<String, Versioned<S>> byId(List<Versioned<S>> states) {
        return states.stream().collect(Collectors.toMap(Versioned::id, Function.identity()));
    }
}
