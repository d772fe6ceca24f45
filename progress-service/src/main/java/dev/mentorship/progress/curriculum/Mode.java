package dev.mentorship.progress.curriculum;

/** The four ways an apprentice learns, from the talk the program comes from. */
public enum Mode {
    /** In lab environments, before production. */
    TRAINING,
    /** Alongside an engineer on call. */
    SHADOWING,
    /** Real work, shipped through code review. */
    PRACTICE,
    /** Teaching and learning with others. */
    COMMUNITY
}
