package dev.mentorship.matching.match;

/** Why a match ended. A match ended by REMATCHED excludes the pair from later rounds. */
public enum EndReason { GRADUATED, WITHDRAWN, REMATCHED, ENDED_BY_PROGRAM_OFFICE }
