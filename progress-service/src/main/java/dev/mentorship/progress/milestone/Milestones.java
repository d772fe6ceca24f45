package dev.mentorship.progress.milestone;

import dev.mentorship.progress.curriculum.Milestone;
import dev.mentorship.progress.milestone.MilestoneCommand.Catalogue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An apprentice's journey: the curriculum version they follow, each milestone they have touched, the
 * remediation milestones a failed interview loop gave them, their shadowed on-call shifts, their
 * interview loops, and when they graduated.
 */
public record Milestones(String apprenticeId, Integer curriculumVersion, Map<String, Entry> entries, List<Milestone> remediation,
        Map<String, ShadowShift> shadowShifts, Map<String, InterviewLoop> interviewLoops, Instant graduatedAt) {

    public enum Status { NOT_STARTED, IN_PROGRESS, EVIDENCE_SUBMITTED, SIGNED_OFF }

    /** One milestone's state; {@code returnComment} is the mentor's last word when they returned it. */
    public record Entry(Status status, List<String> links, String notes, String returnComment, Instant updatedAt) {
    }

    public record ShadowShift(String shiftId, Instant start, Instant end, int incidentsObserved, String notes, Instant loggedAt) {
    }

    /** A loop; {@code passed} is null until its outcome is recorded. */
    public record InterviewLoop(String loopId, Instant scheduledFor, Instant scheduledAt, Boolean passed, List<String> remediationIds,
            Instant completedAt) {

        public boolean open() {
            return passed == null;
        }
    }

    public static Milestones initial() {
        return new Milestones(null, null, Map.of(), List.of(), Map.of(), Map.of(), null);
    }

    public Status status(String milestoneId) {
        Entry entry = entries.get(milestoneId);
        return entry == null ? Status.NOT_STARTED : entry.status();
    }

    /** The catalogue's milestones followed by the apprentice's remediation ones: everything they work on. */
    public List<Milestone> all(Catalogue catalogue) {
        return Stream.concat(catalogue.milestones().stream(), remediation.stream()).toList();
    }

    public Optional<Milestone> milestone(Catalogue catalogue, String milestoneId) {
        return all(catalogue).stream().filter(milestone -> milestone.id().equals(milestoneId)).findFirst();
    }

    /** Required milestones (remediation ones included) not signed off yet: the apprentice is ready for a loop when there are none. */
    public List<String> missingForReadiness(Catalogue catalogue) {
        return all(catalogue).stream().filter(Milestone::required).map(Milestone::id)
                .filter(id -> status(id) != Status.SIGNED_OFF).toList();
    }

    public Optional<InterviewLoop> openLoop() {
        return interviewLoops.values().stream().filter(InterviewLoop::open).findFirst();
    }

    Milestones following(String apprenticeId, int version) {
        return new Milestones(apprenticeId, version, entries, remediation, shadowShifts, interviewLoops, graduatedAt);
    }

    Milestones moved(String apprenticeId, int version, Collection<String> dropped) {
        Map<String, Entry> kept = new LinkedHashMap<>(entries);
        kept.keySet().removeAll(dropped);
        return new Milestones(apprenticeId, version, Map.copyOf(kept), remediation, shadowShifts, interviewLoops, graduatedAt);
    }

    Milestones with(String milestoneId, Entry entry) {
        Map<String, Entry> all = new LinkedHashMap<>(entries);
        all.put(milestoneId, entry);
        return new Milestones(apprenticeId, curriculumVersion, Map.copyOf(all), remediation, shadowShifts, interviewLoops, graduatedAt);
    }

    Milestones withShift(ShadowShift shift) {
        Map<String, ShadowShift> all = new LinkedHashMap<>(shadowShifts);
        all.put(shift.shiftId(), shift);
        return new Milestones(apprenticeId, curriculumVersion, entries, remediation, Map.copyOf(all), interviewLoops, graduatedAt);
    }

    Milestones withLoop(InterviewLoop loop, List<Milestone> added) {
        Map<String, InterviewLoop> all = new LinkedHashMap<>(interviewLoops);
        all.put(loop.loopId(), loop);
        List<Milestone> remediated = new ArrayList<>(remediation);
        remediated.addAll(added);
        return new Milestones(apprenticeId, curriculumVersion, entries, List.copyOf(remediated), shadowShifts, Map.copyOf(all), graduatedAt);
    }

    Milestones graduated(Instant at) {
        return new Milestones(apprenticeId, curriculumVersion, entries, remediation, shadowShifts, interviewLoops, at);
    }
}
