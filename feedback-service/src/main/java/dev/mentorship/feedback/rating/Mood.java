package dev.mentorship.feedback.rating;

/** How a check-in left the person: a small fixed set, so that moods can be counted. */
public enum Mood { ENERGISED, CONFIDENT, CALM, UNSURE, FRUSTRATED, ANXIOUS }
