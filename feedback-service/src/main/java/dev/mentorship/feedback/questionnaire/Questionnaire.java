package dev.mentorship.feedback.questionnaire;

import dev.mentorship.eventsourcing.decider.DomainException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A versioned questionnaire: items on one Likert scale, each measuring a domain.
 *
 * <p>A domain's score is the mean of its items' scores, a reversed item counting as
 * {@code min + max - answer} (so on 1-5 a 2 counts as 4), rounded half up to two decimals. It lies
 * on the questionnaire's scale; higher is safer.
 */
public record Questionnaire(String id, int version, String title, String instructions, Scale scale, List<Item> items) {

    public record Scale(int min, int max) {
    }

    public record Item(String id, Domain domain, String text, boolean reversed) {
    }

    /** The score of each domain the questionnaire measures, from a complete set of valid answers; 400 otherwise. */
    public Map<Domain, BigDecimal> score(Map<String, Integer> answers) {
        check(answers);
        Map<Domain, int[]> sums = new EnumMap<>(Domain.class);
        for (Item item : items) {
            int answer = answers.get(item.id());
            int counted = item.reversed() ? scale.min() + scale.max() - answer : answer;
            int[] sum = sums.computeIfAbsent(item.domain(), domain -> new int[2]);
            sum[0] += counted;
            sum[1]++;
        }
        Map<Domain, BigDecimal> scores = new LinkedHashMap<>();
        sums.forEach((domain, sum) -> scores.put(domain, BigDecimal.valueOf(sum[0]).divide(BigDecimal.valueOf(sum[1]), 2, RoundingMode.HALF_UP)));
        return scores;
    }

    /** Every item answered once with a whole number on the scale, and nothing else. */
    public void check(Map<String, Integer> answers) {
        if (answers == null) {
            throw DomainException.invalidInput("answers maps each item id of " + id + " version " + version + " to a score");
        }
        Set<String> known = items.stream().map(Item::id).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(answers.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw DomainException.invalidInput("No item " + String.join(", ", unknown) + " in " + id + " version " + version);
        }
        Set<String> missing = new TreeSet<>(known);
        missing.removeAll(answers.keySet());
        if (!missing.isEmpty()) {
            throw DomainException.invalidInput("Every item is answered; missing: " + String.join(", ", missing));
        }
        answers.forEach((item, answer) -> {
            if (answer == null || answer < scale.min() || answer > scale.max()) {
                throw DomainException.invalidInput("Item " + item + " is answered " + scale.min() + "-" + scale.max() + "; got " + answer);
            }
        });
    }

    public Set<Domain> domains() {
        return items.stream().map(Item::domain).collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(Domain.class)));
    }
}
