package dev.mentorship.matching.match;

/** The two sides of a match. */
public enum Party { MENTOR, APPRENTICE }
