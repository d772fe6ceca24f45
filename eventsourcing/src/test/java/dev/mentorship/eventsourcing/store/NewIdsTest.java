package dev.mentorship.eventsourcing.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NewIdsTest {

    @Test
    void anIdIsAVersionSevenUuidCarryingTheMillisecond() {
        Instant drawn = Instant.parse("2026-11-26T18:15:30.123Z");

        UUID id = NewIds.next(Clock.fixed(drawn, ZoneOffset.UTC));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(drawn.toEpochMilli());
        assertThat(id.toString()).startsWith(String.format("%08x-%04x", drawn.toEpochMilli() >>> 16, drawn.toEpochMilli() & 0xffff));
    }

    @Test
    void idsDrawnLaterSortAfterEarlierOnesAsPostgreSqlAndTextCompareThem() {
        // PostgreSQL orders uuid values bytewise, and stream ids are "<type>-<uuid>" text: both follow
        // the hexadecimal text, which starts with the time.
        List<String> drawn = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 1_000; i++) {
            drawn.add(NewIds.next(Clock.fixed(start.plusMillis(i * 7L), ZoneOffset.UTC)).toString());
        }

        assertThat(drawn).isSorted();
    }

    @Test
    void idsDrawnInTheSameMillisecondDiffer() {
        Clock frozen = Clock.fixed(Instant.parse("2026-11-26T18:15:30Z"), ZoneOffset.UTC);
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(NewIds.next(frozen));
        }

        assertThat(ids).hasSize(100_000);
    }
}
