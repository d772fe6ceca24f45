package dev.mentorship.progress.milestone;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.progress.milestone.MilestoneCommand.Party;
import dev.mentorship.progress.milestone.MilestoneCommand.Party.Relation;
import dev.mentorship.progress.milestone.MilestoneEvent.CurriculumFollowed;
import dev.mentorship.progress.milestone.MilestoneEvent.EvidenceSubmitted;
import dev.mentorship.progress.milestone.MilestoneEvent.MilestoneReturned;
import dev.mentorship.progress.milestone.MilestoneEvent.MilestoneSignedOff;
import dev.mentorship.progress.milestone.MilestoneEvent.MilestoneStarted;
import dev.mentorship.progress.milestone.Milestones.Entry;
import dev.mentorship.progress.milestone.Milestones.Status;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * A milestone goes not started → in progress → evidence submitted → signed off, or back to in
 * progress when the mentor returns it. The apprentice starts milestones and submits evidence; their
 * current mentor signs off or returns; nobody else does either. The first command fixes the
 * curriculum version the apprentice follows.
 */
public final class MilestoneDecider implements Decider<MilestoneCommand, MilestoneEvent, Milestones> {

    static final int MAX_LINKS = 10;
    static final int MAX_NOTES = 4000;
    static final int MAX_COMMENT = 2000;

    @Override
    public Milestones initialState() {
        return Milestones.initial();
    }

    @Override
    public Milestones evolve(Milestones state, MilestoneEvent event) {
        return switch (event) {
            case CurriculumFollowed followed -> state.following(followed.apprenticeId(), followed.version());
            case MilestoneStarted started -> state.with(started.milestoneId(), new Entry(Status.IN_PROGRESS, List.of(), null, null, started.at()));
            case EvidenceSubmitted submitted -> state.with(submitted.milestoneId(), new Entry(Status.EVIDENCE_SUBMITTED, submitted.links(),
                    submitted.notes(), null, submitted.at()));
            case MilestoneSignedOff signed -> {
                Entry entry = state.entries().get(signed.milestoneId());
                yield state.with(signed.milestoneId(), new Entry(Status.SIGNED_OFF, entry.links(), entry.notes(), null, signed.at()));
            }
            case MilestoneReturned returned -> {
                Entry entry = state.entries().get(returned.milestoneId());
                yield state.with(returned.milestoneId(), new Entry(Status.IN_PROGRESS, entry.links(), entry.notes(), returned.comment(),
                        returned.at()));
            }
        };
    }

    @Override
    public List<MilestoneEvent> decide(MilestoneCommand command, Milestones state) {
        List<MilestoneEvent> events = new ArrayList<>();
        int version = state.curriculumVersion() != null ? state.curriculumVersion() : command.catalogue().version();
        if (command.catalogue().version() != version) {
            // A first command of theirs fixed another version meanwhile (a catalogue was published in between): a conflict, sent again it succeeds.
            throw DomainException.invalidTransition("Apprentice " + command.apprenticeId() + " follows curriculum version " + version
                    + " since a moment ago; send the request again");
        }
        if (command.catalogue().milestones().stream().noneMatch(milestone -> milestone.id().equals(command.milestoneId()))) {
            throw DomainException.notFound("Curriculum version " + version + " has no milestone " + command.milestoneId());
        }
        Status status = state.status(command.milestoneId());
        switch (command) {
            case MilestoneCommand.Start start -> {
                requireApprentice(start.party());
                if (status == Status.IN_PROGRESS) {
                    return List.of();
                }
                if (status != Status.NOT_STARTED) {
                    throw DomainException.invalidTransition("Milestone " + start.milestoneId() + " is " + status.name().toLowerCase().replace('_', ' '));
                }
                events.add(new MilestoneStarted(start.apprenticeId(), start.milestoneId(), start.now()));
            }
            case MilestoneCommand.SubmitEvidence submit -> {
                requireApprentice(submit.party());
                if (status != Status.IN_PROGRESS) {
                    throw DomainException.invalidTransition("Evidence goes on a milestone in progress; " + submit.milestoneId() + " is "
                            + status.name().toLowerCase().replace('_', ' '));
                }
                events.add(new EvidenceSubmitted(submit.apprenticeId(), submit.milestoneId(), links(submit.links()), notes(submit.notes()),
                        submit.now()));
            }
            case MilestoneCommand.SignOff signOff -> {
                requireCurrentMentor(signOff.party());
                requireSubmitted(signOff.milestoneId(), status, "signed off");
                events.add(new MilestoneSignedOff(signOff.apprenticeId(), signOff.milestoneId(), signOff.party().mentorId(), signOff.now()));
            }
            case MilestoneCommand.Return giveBack -> {
                requireCurrentMentor(giveBack.party());
                requireSubmitted(giveBack.milestoneId(), status, "returned");
                if (giveBack.comment() == null || giveBack.comment().isBlank() || giveBack.comment().length() > MAX_COMMENT) {
                    throw DomainException.invalidInput("A returned milestone needs a comment of 1-" + MAX_COMMENT + " characters saying what is missing");
                }
                events.add(new MilestoneReturned(giveBack.apprenticeId(), giveBack.milestoneId(), giveBack.party().mentorId(),
                        giveBack.comment().strip(), giveBack.now()));
            }
        }
        if (state.curriculumVersion() == null) {
            events.addFirst(new CurriculumFollowed(command.apprenticeId(), version, command.now()));
        }
        return List.copyOf(events);
    }

    private static void requireApprentice(Party party) {
        if (party.relation() != Relation.APPRENTICE) {
            throw DomainException.notAllowed("Only the apprentice works on their milestones");
        }
    }

    private static void requireCurrentMentor(Party party) {
        if (party.relation() != Relation.CURRENT_MENTOR) {
            throw DomainException.notAllowed("Only the apprentice's current mentor signs off or returns a milestone");
        }
    }

    private static void requireSubmitted(String milestoneId, Status status, String what) {
        if (status != Status.EVIDENCE_SUBMITTED) {
            throw DomainException.invalidTransition("Milestone " + milestoneId + " can be " + what + " once evidence is submitted; it is "
                    + status.name().toLowerCase().replace('_', ' '));
        }
    }

    private static List<String> links(List<String> links) {
        if (links == null || links.isEmpty() || links.size() > MAX_LINKS) {
            throw DomainException.invalidInput("Evidence has 1-" + MAX_LINKS + " links");
        }
        for (String link : links) {
            try {
                URI uri = link == null ? null : new URI(link);
                if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                        || link.length() > 2000) {
                    throw DomainException.invalidInput("An evidence link is an http(s) address of at most 2000 characters; got " + link);
                }
            } catch (URISyntaxException e) {
                throw DomainException.invalidInput("An evidence link is an http(s) address of at most 2000 characters; got " + link);
            }
        }
        return List.copyOf(links);
    }

    private static String notes(String notes) {
        if (notes != null && notes.length() > MAX_NOTES) {
            throw DomainException.invalidInput("Evidence notes are at most " + MAX_NOTES + " characters");
        }
        return notes == null || notes.isBlank() ? null : notes.strip();
    }
}
