package dev.mentorship.eventsourcing.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AllowedMethodsTest {

    @Test
    void a_template_matches_its_addresses_and_no_others() {
        Pattern cohort = AllowedMethods.pattern("/cohorts//{id}");
        assertThat(cohort.matcher("/cohorts/01a21d90").matches()).isTrue();
        assertThat(cohort.matcher("/cohorts").matches()).isFalse();
        assertThat(cohort.matcher("/cohorts/a/b").matches()).isFalse();

        Pattern round = AllowedMethods.pattern("/cohorts/{cohortId}/matching-rounds/{roundId}/publish");
        assertThat(round.matcher("/cohorts/c/matching-rounds/r/publish").matches()).isTrue();
        assertThat(round.matcher("/cohorts/c/matching-rounds/r").matches()).isFalse();
    }

    @Test
    void a_parameter_with_its_own_expression_and_literal_text_around_it() {
        Pattern numbered = AllowedMethods.pattern("/items/{n: \\d{1,3}}.json");
        assertThat(numbered.matcher("/items/42.json").matches()).isTrue();
        assertThat(numbered.matcher("/items/4242.json").matches()).isFalse();
        assertThat(numbered.matcher("/items/42xjson").matches()).as("the dot is literal").isFalse();
        assertThat(AllowedMethods.pattern("/").matcher("/").matches()).isTrue();
    }
}
