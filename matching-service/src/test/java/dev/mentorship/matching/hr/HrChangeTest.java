package dev.mentorship.matching.hr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Each tool's payload read as the changes it carries. */
class HrChangeTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_standard_delivery_names_its_employee_and_fields() throws Exception {
        var changes = HrChange.of("standard", json.readTree("{\"type\":\"employee.updated\",\"data\":{\"id\":\"E-1\",\"name\":\"Rona\","
                + "\"department\":\"Reliability\",\"costCentre\":\"CC-9\"}}"));
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(HrChange.Kind.UPDATED);
            assertThat(change.department()).isEqualTo("Reliability");
            assertThat(change.fields()).containsEntry("costCentre", "CC-9");
        });
        assertThat(HrChange.of("standard", json.readTree("{\"type\":\"employee.promoted\",\"data\":{\"id\":\"E-1\"}}"))).isEmpty();
    }

    @Test
    void bamboohr_reports_a_leaver_as_an_update_that_sets_a_termination_date_or_the_inactive_status() throws Exception {
        var changes = HrChange.of("bamboohr", json.readTree("{\"employees\":[{\"id\":\"1\",\"action\":\"Updated\",\"fields\":{\"status\":\"Inactive\"}},"
                + "{\"id\":\"2\",\"action\":\"Updated\",\"fields\":{\"terminationDate\":\"2026-12-31\"}},"
                + "{\"id\":\"3\",\"action\":\"Updated\",\"fields\":{\"firstName\":\"Rona\",\"lastName\":\"Padawan\",\"workEmail\":\"r@example.com\"}},"
                + "{\"id\":\"4\",\"action\":\"Deleted\",\"fields\":{}}]}"));
        assertThat(changes).extracting(HrChange::kind).containsExactly(HrChange.Kind.TERMINATED, HrChange.Kind.TERMINATED, HrChange.Kind.UPDATED,
                HrChange.Kind.TERMINATED);
        assertThat(changes.get(2).name()).isEqualTo("Rona Padawan");
        assertThat(changes.get(2).email()).isEqualTo("r@example.com");
    }

    @Test
    void hibob_names_the_employee_only_and_personio_carries_nothing_to_work_out() throws Exception {
        assertThat(HrChange.of("hibob", json.readTree("{\"type\":\"employee.left\",\"data\":{\"employeeId\":\"42\"}}")))
                .singleElement().satisfies(change -> {
                    assertThat(change.kind()).isEqualTo(HrChange.Kind.TERMINATED);
                    assertThat(change.employeeId()).isEqualTo("42");
                    assertThat(change.email()).isNull();
                });
        assertThat(HrChange.of("personio", json.readTree("{\"type\":\"employment.terminated\",\"data\":{\"id\":\"1\"}}"))).isEmpty();
    }
}
