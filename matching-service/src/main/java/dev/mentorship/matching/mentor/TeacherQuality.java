package dev.mentorship.matching.mentor;

/** What a teacher pledges to be for their apprentice, from the program's definition of a good SRE teacher. */
public enum TeacherQuality {
    SETS_UP_FOR_SUCCESS,
    MENTORS,
    GIVES_EMOTIONAL_SUPPORT,
    ADVOCATES,
    CHECKS_IN,
    THINKS_OUTSIDE_THE_BOX,
    PUSHES_FOR_GROWTH
}
