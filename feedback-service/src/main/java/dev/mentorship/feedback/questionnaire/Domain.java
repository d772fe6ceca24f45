package dev.mentorship.feedback.questionnaire;

/** What an item measures: the six S.A.F.E.T.Y domains, and the team scale's one. */
public enum Domain {
    /** Predictability: knowing what comes. */
    SECURITY,
    /** Control and choice. */
    AUTONOMY,
    FAIRNESS,
    ESTEEM,
    TRUST,
    /** What matters to this person. */
    YOU,
    /** The seven-item team psychological safety scale, as one score. */
    TEAM
}
