package dev.mentorship.matching.hr;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who an HR change brings into the program, as configuration ({@code hr.mapping.rules}, a JSON list):
 * each rule names a source (or {@code *}), a field (jobTitle, department, or any field the tool sends)
 * and the value it must equal, and what a match means: enrolment as an apprentice in the cohort named
 * ({@code "enrol": "apprentice", "cohortId": ...}), or a mentor candidate for the program office to
 * confirm ({@code "enrol": "mentor"}). The first rule that matches applies.
 */
@ApplicationScoped
public class MappingRules {

    /** {@code enrol} is {@code apprentice} (with {@code cohortId}) or {@code mentor}. */
    public record Rule(String source, String field, String equals, String enrol, String cohortId) {

        boolean matches(String from, HrChange change) {
            if (!"*".equals(source) && !from.equals(source)) {
                return false;
            }
            String value = switch (field) {
                case "jobTitle" -> change.jobTitle();
                case "department" -> change.department();
                default -> change.fields().get(field);
            };
            return value != null && value.equalsIgnoreCase(equals);
        }
    }

    private final List<Rule> rules;
    private final List<String> goals;

    public MappingRules(ObjectMapper json, @ConfigProperty(name = "hr.mapping.rules", defaultValue = "[]") String rules,
            @ConfigProperty(name = "hr.mapping.goals", defaultValue = "observability") List<String> goals) {
        try {
            this.rules = json.readValue(rules, json.getTypeFactory().constructCollectionType(List.class, Rule.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("hr.mapping.rules is not a JSON list of rules: " + e.getMessage(), e);
        }
        this.goals = List.copyOf(goals);
        for (Rule rule : this.rules) {
            if (rule == null || rule.source() == null || rule.field() == null || rule.equals() == null
                    || !("apprentice".equals(rule.enrol()) && rule.cohortId() != null || "mentor".equals(rule.enrol()))) {
                throw new IllegalStateException("hr.mapping.rules: each rule has source (or *), field, equals, and enrol: apprentice (with"
                        + " cohortId) or mentor; got " + rule);
            }
        }
    }

    public Optional<Rule> first(String source, HrChange change) {
        return rules.stream().filter(rule -> rule.matches(source, change)).findFirst();
    }

    /** The learning goals an apprentice enrolled from HR starts with, until the program office changes them. */
    public List<String> goals() {
        return goals;
    }
}
