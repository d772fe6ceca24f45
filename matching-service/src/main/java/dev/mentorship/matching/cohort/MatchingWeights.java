package dev.mentorship.matching.cohort;

import dev.mentorship.eventsourcing.decider.DomainException;

/**
 * How much each factor counts when a cohort's apprentices are matched: goals covered by the mentor's
 * skills, working hours that overlap, and the mentor's free capacity. Only the proportions matter.
 */
public record MatchingWeights(double goals, double workingHours, double availability) {

    public static MatchingWeights standard() {
        return new MatchingWeights(0.6, 0.3, 0.1);
    }

    /** These weights with the given factors replaced (absent, null, ones keep their value), checked. */
    public MatchingWeights with(Double goals, Double workingHours, Double availability) {
        return new MatchingWeights(goals == null ? this.goals : goals, workingHours == null ? this.workingHours : workingHours,
                availability == null ? this.availability : availability).checked();
    }

    /** These weights, if they can be used; otherwise the reason, as invalid input. */
    public MatchingWeights checked() {
        String problem = problem(goals, workingHours, availability);
        if (problem != null) {
            throw DomainException.invalidInput(problem);
        }
        return this;
    }

    /** Why these weights cannot be used, or null when they can. */
    public static String problem(double goals, double workingHours, double availability) {
        if (goals < 0 || workingHours < 0 || availability < 0) {
            return "Matching weights cannot be negative";
        }
        if (goals + workingHours + availability == 0) {
            return "At least one matching weight must be above zero";
        }
        if (!Double.isFinite(goals + workingHours + availability)) {
            return "Matching weights must be finite numbers";
        }
        return null;
    }
}
