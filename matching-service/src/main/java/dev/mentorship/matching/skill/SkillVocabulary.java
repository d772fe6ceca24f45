package dev.mentorship.matching.skill;

import dev.mentorship.eventsourcing.decider.DomainException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The skills mentors offer and apprentices want, kept as data in {@code vocabulary/skills.txt}. */
public final class SkillVocabulary {

    private static final Set<String> SKILLS = load();

    private SkillVocabulary() {
    }

    public static Set<String> all() {
        return SKILLS;
    }

    /** Normalises ("Incident Response" → "incident-response") and rejects unknown skills, naming the valid ones. */
    public static List<String> require(List<String> skills, String field) {
        List<String> normalised = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String skill : skills) {
            String id = skill == null ? "" : skill.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
            if (SKILLS.contains(id)) {
                if (!normalised.contains(id)) {
                    normalised.add(id);
                }
            } else {
                unknown.add(skill);
            }
        }
        if (!unknown.isEmpty()) {
            throw DomainException.invalidInput(field + " has unknown skills " + unknown + "; valid skills are " + SKILLS);
        }
        return List.copyOf(normalised);
    }

    private static Set<String> load() {
        try (InputStream in = SkillVocabulary.class.getResourceAsStream("/vocabulary/skills.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Set<String> skills = new LinkedHashSet<>();
            reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(skills::add);
            return Collections.unmodifiableSet(skills);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
