package dev.mentorship.feedback.aggregate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What of a group's answers may be shown: a cell (a mean and a distribution) only over at least
 * {@code threshold} distinct people, and never so that subtracting shown cells from one another
 * singles out fewer people.
 *
 * <p>The cells form one level of breakdown under a whole: the whole (a cohort in a month, say) and its
 * parts (one per mentor), each person in exactly one part. A part under the threshold is suppressed;
 * then, while the suppressed parts together hold some people but fewer than the threshold, the
 * smallest part still shown is suppressed too, so that the whole minus every part shown is either
 * nobody or enough people. A whole under the threshold is suppressed with all its parts. Any other
 * difference of shown cells is a union of shown parts, each of them enough people already. Each person
 * counts once per cell, with the mean of their own values in it.
 */
public final class Disclosure {

    /** One person's value in a part of the whole. */
    public record Contribution(String person, String part, double value) {
    }

    /** A cell as shown: the people counted, their mean, how many gave each whole score; or suppressed. */
    public record Cell(boolean suppressed, String reason, Integer people, BigDecimal mean, Map<Integer, Integer> distribution) {

        static Cell hidden() {
            return new Cell(true, "insufficient responses", null, null, null);
        }
    }

    /** The whole and its parts, by part key. */
    public record Breakdown(Cell whole, Map<String, Cell> parts) {
    }

    private final int threshold;

    public Disclosure(int threshold) {
        this.threshold = threshold;
    }

    public int threshold() {
        return threshold;
    }

    public Breakdown breakdown(List<Contribution> contributions) {
        return breakdown(contributions, Set.of());
    }

    /**
     * The breakdown, listing every part of {@code everyPart} too: a part nobody contributed to is shown
     * as suppressed like any other too small, so the list of parts does not tell who took part.
     */
    public Breakdown breakdown(List<Contribution> contributions, Set<String> everyPart) {
        // One value per person and part: the mean of theirs. A person's part is the one of their latest contribution.
        Map<String, String> partOf = new LinkedHashMap<>();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (Contribution contribution : contributions) {
            partOf.put(contribution.person(), contribution.part());
            values.computeIfAbsent(contribution.person(), person -> new ArrayList<>()).add(contribution.value());
        }
        Map<String, Double> perPerson = new LinkedHashMap<>();
        values.forEach((person, list) -> perPerson.put(person, list.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        Map<String, List<String>> peopleByPart = perPerson.keySet().stream()
                .collect(Collectors.groupingBy(partOf::get, TreeMap::new, Collectors.toList()));
        everyPart.forEach(part -> peopleByPart.putIfAbsent(part, List.of()));

        if (perPerson.size() < threshold) {
            Map<String, Cell> parts = new TreeMap<>();
            peopleByPart.keySet().forEach(part -> parts.put(part, Cell.hidden()));
            return new Breakdown(Cell.hidden(), parts);
        }
        Set<String> suppressed = new HashSet<>();
        peopleByPart.forEach((part, people) -> {
            if (people.size() < threshold) {
                suppressed.add(part);
            }
        });
        int hiddenPeople = suppressed.stream().mapToInt(part -> peopleByPart.get(part).size()).sum();
        while (hiddenPeople > 0 && hiddenPeople < threshold) {
            String smallest = peopleByPart.keySet().stream().filter(part -> !suppressed.contains(part))
                    .min(Comparator.comparingInt((String part) -> peopleByPart.get(part).size()).thenComparing(part -> part)).orElse(null);
            if (smallest == null) {
                break;
            }
            suppressed.add(smallest);
            hiddenPeople += peopleByPart.get(smallest).size();
        }
        Map<String, Cell> parts = new TreeMap<>();
        peopleByPart.forEach((part, people) -> parts.put(part, suppressed.contains(part) ? Cell.hidden()
                : cell(people.stream().map(perPerson::get).toList())));
        return new Breakdown(cell(List.copyOf(perPerson.values())), parts);
    }

    private static Cell cell(List<Double> values) {
        Map<Integer, Integer> distribution = new TreeMap<>();
        values.forEach(value -> distribution.merge((int) Math.round(value), 1, Integer::sum));
        BigDecimal mean = BigDecimal.valueOf(values.stream().mapToDouble(Double::doubleValue).average().orElseThrow())
                .setScale(2, RoundingMode.HALF_UP);
        return new Cell(false, null, values.size(), mean, distribution);
    }
}
