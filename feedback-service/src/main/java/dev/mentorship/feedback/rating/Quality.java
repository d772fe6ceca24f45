package dev.mentorship.feedback.rating;

/** The teacher qualities the talk names, which an apprentice rates their mentor on. */
public enum Quality {
    SETS_ME_UP_FOR_SUCCESS, MENTORS, GIVES_EMOTIONAL_SUPPORT, ADVOCATES_FOR_ME, CHECKS_IN, THINKS_OUTSIDE_THE_BOX, PUSHES_ME_TO_GROW
}
