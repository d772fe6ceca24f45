package dev.mentorship.feedback.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.feedback.aggregate.Disclosure.Breakdown;
import dev.mentorship.feedback.aggregate.Disclosure.Cell;
import dev.mentorship.feedback.aggregate.Disclosure.Contribution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Over random populations (people, mentors, repeated answers, skewed group sizes) and thresholds, an
 * attacker holding every cell shown for every filter (the cohort's, and each mentor's) tries every
 * difference of them: none covers fewer people than the threshold, and no shown cell does either.
 */
class DisclosurePropertyTest {

    private static final int POPULATIONS = 3000;

    @Test
    void no_shown_cell_and_no_difference_of_shown_cells_covers_fewer_people_than_the_threshold() {
        Random random = new Random(20261206);
        int wholesShown = 0;
        int partsShown = 0;
        int partsHidden = 0;
        for (int run = 0; run < POPULATIONS; run++) {
            int threshold = 3 + random.nextInt(5);
            int mentors = 1 + random.nextInt(7);
            int people = random.nextInt(45);
            List<Contribution> contributions = new ArrayList<>();
            Map<String, String> lastPart = new HashMap<>();
            for (int i = 0; i < people; i++) {
                String person = "p" + i;
                // Skewed: the first mentors get most people, the last few very few.
                int answers = 1 + random.nextInt(3);
                for (int a = 0; a < answers; a++) {
                    String part = "m" + Math.min(mentors - 1, (int) Math.floor(Math.abs(random.nextGaussian()) * mentors / 2.0));
                    contributions.add(new Contribution(person, part, 1 + random.nextInt(5)));
                    lastPart.put(person, part);
                }
            }
            Breakdown shown = new Disclosure(threshold).breakdown(contributions);

            Map<String, Set<String>> members = new HashMap<>();
            lastPart.forEach((person, part) -> members.computeIfAbsent(part, p -> new HashSet<>()).add(person));
            int wholeSize = lastPart.size();
            if (shown.whole().suppressed()) {
                assertThat(shown.parts().values()).allMatch(Cell::suppressed);
                assertThat(wholeSize).isLessThan(threshold);
                continue;
            }
            wholesShown++;
            assertThat(shown.whole().people()).isEqualTo(wholeSize).isGreaterThanOrEqualTo(threshold);
            List<String> released = new ArrayList<>();
            shown.parts().forEach((part, cell) -> {
                if (!cell.suppressed()) {
                    assertThat(cell.people()).as("a shown part").isEqualTo(members.get(part).size()).isGreaterThanOrEqualTo(threshold);
                    released.add(part);
                }
            });
            partsShown += released.size();
            partsHidden += shown.parts().size() - released.size();
            // Every subset of the shown parts, subtracted from the whole: nobody, or enough people.
            for (int subset = 0; subset < (1 << released.size()); subset++) {
                int left = wholeSize;
                for (int i = 0; i < released.size(); i++) {
                    if ((subset & (1 << i)) != 0) {
                        left -= members.get(released.get(i)).size();
                    }
                }
                assertThat(left).as("the cohort minus shown mentors " + subset + " (threshold " + threshold + ")")
                        .satisfiesAnyOf(value -> assertThat(value).isZero(), value -> assertThat(value).isGreaterThanOrEqualTo(threshold));
            }
        }
        // The populations exercised every case: wholes shown, parts shown and parts hidden.
        assertThat(wholesShown).isGreaterThan(POPULATIONS / 3);
        assertThat(partsShown).isGreaterThan(POPULATIONS / 3);
        assertThat(partsHidden).isGreaterThan(POPULATIONS / 3);
    }

    @Test
    void every_mentor_of_the_cohort_is_listed_so_the_list_does_not_tell_who_took_part() {
        List<Contribution> contributions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            contributions.add(new Contribution("a" + i, "busy", 4));
        }
        Breakdown shown = new Disclosure(5).breakdown(contributions, Set.of("busy", "quiet"));
        assertThat(shown.parts()).containsOnlyKeys("busy", "quiet");
        assertThat(shown.parts().get("quiet").suppressed()).isTrue();
        assertThat(shown.parts().get("busy").people()).isEqualTo(6);
    }

    @Test
    void a_cell_is_each_persons_mean_counted_once() {
        Breakdown shown = new Disclosure(3).breakdown(List.of(new Contribution("a", "m1", 5), new Contribution("a", "m1", 3),
                new Contribution("b", "m1", 2), new Contribution("c", "m1", 1)));
        assertThat(shown.whole().people()).isEqualTo(3);
        assertThat(shown.whole().mean()).isEqualByComparingTo("2.33");
        assertThat(shown.whole().distribution()).containsEntry(4, 1).containsEntry(2, 1).containsEntry(1, 1);
    }

    @Test
    void a_lone_small_mentor_takes_the_next_smallest_down_with_it() {
        List<Contribution> contributions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            contributions.add(new Contribution("a" + i, "big", 4));
        }
        for (int i = 0; i < 5; i++) {
            contributions.add(new Contribution("b" + i, "medium", 3));
        }
        contributions.add(new Contribution("c0", "small", 1));
        Breakdown shown = new Disclosure(5).breakdown(contributions);
        assertThat(shown.whole().people()).isEqualTo(12);
        assertThat(shown.parts().get("small").suppressed()).isTrue();
        assertThat(shown.parts().get("medium").suppressed()).as("else the cohort minus big and medium is the one small answer").isTrue();
        assertThat(shown.parts().get("big").people()).isEqualTo(6);
        assertThat(shown.parts().get("small").reason()).isEqualTo("insufficient responses");
    }
}
