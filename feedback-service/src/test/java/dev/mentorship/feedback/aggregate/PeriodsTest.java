package dev.mentorship.feedback.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PeriodsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void a_closed_quarter_reads_back_to_its_end_whatever_its_year() {
        assertThat(Periods.closedQuarter(null, NOW)).isEqualTo("2026-Q3");
        assertThat(Periods.quarterEnd(Periods.closedQuarter(null, NOW))).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        // An early year keeps its four digits, so its end can be read back (it was a 500).
        assertThat(Periods.closedQuarter("0999-Q1", NOW)).isEqualTo("0999-Q1");
        assertThat(Periods.quarterEnd("0999-Q1")).isEqualTo(Instant.parse("0999-04-01T00:00:00Z"));
        assertThatThrownBy(() -> Periods.closedQuarter("2026-Q4", NOW)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Periods.closedQuarter("26-Q1", NOW)).isInstanceOf(DomainException.class);
    }
}
