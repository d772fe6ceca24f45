package dev.mentorship.eventsourcing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.KeysetQuery.Direction;
import dev.mentorship.eventsourcing.http.KeysetQuery.Key;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Limits, cursors, pages and the keyset statements, without a server or a database. */
class PagingTest {

    private static final List<Class<?>> TIMESTAMP_AND_ID = List.of(Instant.class, String.class);

    @Test
    void no_limit_is_50_and_1_to_500_are_taken_as_sent() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(50, Optional.empty()));
        assertThat(PageRequest.of("", null).limit()).as("?limit= with nothing after it").isEqualTo(50);
        assertThat(PageRequest.of("1", null).limit()).isEqualTo(1);
        assertThat(PageRequest.of("500", null).limit()).isEqualTo(500);
        assertThat(PageRequest.of("0500", null).limit()).isEqualTo(500);
        assertThat(PageRequest.of("7", null).fetch()).as("one more than the page, to know whether another follows").isEqualTo(8);
    }

    @Test
    void a_limit_out_of_range_or_not_a_whole_number_is_invalid_input_naming_limit() {
        for (String limit : List.of("0", "501", "100000", "-1", "abc", "1.5", "1e2", "+5", " 5", "99999999999999999999")) {
            assertThatThrownBy(() -> PageRequest.of(limit, null)).as("limit=" + limit)
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("limit").contains("500");
                    });
        }
    }

    @Test
    void an_absent_or_empty_after_is_the_first_page() {
        assertThat(PageRequest.of(null, "").after()).isEmpty();
        assertThat(PageRequest.of(null, null).after()).isEmpty();
        assertThat(PageRequest.of(null, "abc").after()).contains("abc");
    }

    @Test
    void a_cursor_reads_back_as_the_key_it_was_made_of() {
        Instant at = Instant.parse("2027-03-01T09:15:30.123456Z");
        Cursor cursor = Cursor.of("matches", List.of(at, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"));
        String token = cursor.encode();

        assertThat(token).as("safe in a query without escaping").matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.decode(token, "matches", TIMESTAMP_AND_ID)).isEqualTo(cursor);
        assertThat(Cursor.decode(token, "matches", TIMESTAMP_AND_ID).key()).containsExactly(at, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        assertThat(Cursor.decode(Cursor.of("mentors", List.of("m-1")).encode(), "mentors", List.of(String.class)).key())
                .containsExactly("m-1");
        assertThat(Cursor.decode(Cursor.of("n", List.of(42L)).encode(), "n", List.of(Long.class)).key()).containsExactly(42L);
    }

    @Test
    void an_after_that_is_no_cursor_of_this_list_is_invalid_input() {
        String otherList = Cursor.of("mentors", List.of("m-1")).encode();
        String fewerParts = Cursor.of("matches", List.of("m-1")).encode();
        String notATime = encode("matches\u0000yesterday\u0000m-1");
        String notUtf8 = Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe});
        // Instants Java reads but PostgreSQL's timestamps cannot hold: sent on, they failed the query as a 500.
        String farFuture = encode("matches\u0000+300000-01-01T00:00:00Z\u0000m-1");
        String beforeYearOne = encode("matches\u0000-5000-01-01T00:00:00Z\u0000m-1");
        for (String after : List.of("!!!", "a b", "%%", otherList, fewerParts, notATime, notUtf8, "A".repeat(2000), "===", farFuture,
                beforeYearOne)) {
            assertThatThrownBy(() -> Cursor.decode(after, "matches", TIMESTAMP_AND_ID)).as(after)
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("after");
                    });
        }
    }

    @Test
    void a_page_read_one_row_past_the_limit_names_the_last_row_it_keeps_as_the_next_start() {
        PageRequest three = PageRequest.of("3", null);
        Page<String> full = Page.of(List.of("a", "b", "c", "d"), three, row -> Cursor.of("letters", List.of(row)));
        assertThat(full.rows()).containsExactly("a", "b", "c");
        assertThat(full.next()).contains(Cursor.of("letters", List.of("c")));

        Page<String> last = Page.of(List.of("a", "b", "c"), three, row -> Cursor.of("letters", List.of(row)));
        assertThat(last.rows()).containsExactly("a", "b", "c");
        assertThat(last.next()).as("exactly the limit left: no further page, and no empty page to fetch").isEmpty();

        assertThat(full.map(String::toUpperCase).rows()).containsExactly("A", "B", "C");
        assertThat(full.map(String::toUpperCase).next()).isEqualTo(full.next());
    }

    @Test
    void the_next_link_keeps_the_other_parameters_and_replaces_after() {
        Cursor next = Cursor.of("matches", List.of("m-9"));
        assertThat(Page.nextPage(URI.create("http://localhost:8081/matches?cohortId=c-1&limit=20&after=old"), next))
                .hasToString("http://localhost:8081/matches?cohortId=c-1&limit=20&after=" + next.encode());
        assertThat(Page.nextPage(URI.create("http://localhost:8081/mentors"), next))
                .hasToString("http://localhost:8081/mentors?after=" + next.encode());
        assertThat(Page.nextPage(URI.create("https://api.example.com/cohorts/c%2F1/unmatched?after=x&limit=5&after=y"), next))
                .as("the address as sent, escapes kept").hasToString("https://api.example.com/cohorts/c%2F1/unmatched?limit=5&after=" + next.encode());
    }

    @Test
    void the_response_carries_the_rows_and_a_link_only_when_a_page_follows() {
        PageRequest two = PageRequest.of("2", null);
        Page<String> more = Page.of(List.of("a", "b", "c"), two, row -> Cursor.of("letters", List.of(row)));
        assertThat(more.response(URI.create("http://h/letters?limit=2")).getHeaderString("Link"))
                .isEqualTo("<http://h/letters?limit=2&after=" + Cursor.of("letters", List.of("b")).encode() + ">; rel=\"next\"");
        Page<String> done = Page.of(List.of("a"), two, row -> Cursor.of("letters", List.of(row)));
        assertThat(done.response(URI.create("http://h/letters?limit=2")).getHeaderString("Link")).isNull();
        assertThat(done.response(URI.create("http://h/letters")).getEntity()).isEqualTo(List.of("a"));
    }

    @Test
    void keyset_statements_start_after_the_key_in_the_order_of_the_key() {
        KeysetQuery<Object[]> waiting = new KeysetQuery<>("unmatched", "select apprentice_id, enrolled_at from apprentice_directory",
                "cohort_id = $1 and status = $2", Direction.ASCENDING, List.of(Key.timestamp("enrolled_at"), Key.text("apprentice_id")),
                row -> row, row -> List.of());
        assertThat(waiting.firstSql()).isEqualTo("select apprentice_id, enrolled_at from apprentice_directory "
                + "where cohort_id = $1 and status = $2 order by enrolled_at asc, apprentice_id asc limit $3");
        assertThat(waiting.afterSql()).isEqualTo("select apprentice_id, enrolled_at from apprentice_directory "
                + "where cohort_id = $1 and status = $2 and (enrolled_at, apprentice_id) > ($3, $4) "
                + "order by enrolled_at asc, apprentice_id asc limit $5");

        KeysetQuery<Object[]> newestFirst = new KeysetQuery<>("matches", "select match_id from match_records", "",
                Direction.DESCENDING, List.of(Key.timestamp("proposed_at"), Key.text("match_id")), row -> row, row -> List.of());
        assertThat(newestFirst.firstSql()).isEqualTo("select match_id from match_records order by proposed_at desc, match_id desc limit $1");
        assertThat(newestFirst.afterSql()).isEqualTo("select match_id from match_records "
                + "where (proposed_at, match_id) < ($1, $2) order by proposed_at desc, match_id desc limit $3");
    }

    @Test
    void keyset_parameters_are_the_filter_then_the_key_then_one_row_past_the_limit() {
        KeysetQuery<Object[]> waiting = new KeysetQuery<>("unmatched", "select 1 from apprentice_directory",
                "cohort_id = $1 and status = $2", Direction.ASCENDING, List.of(Key.timestamp("enrolled_at"), Key.text("apprentice_id")),
                row -> row, row -> List.of());
        Instant at = Instant.parse("2027-03-01T09:00:00Z");
        String after = Cursor.of("unmatched", List.of(at, "a-7")).encode();
        PageRequest request = PageRequest.of("10", after);

        assertThat(waiting.parameters(new Object[] {"c-1", "ENROLLED"}, waiting.position(request), request.fetch()))
                .containsExactly("c-1", "ENROLLED", OffsetDateTime.of(2027, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC), "a-7", 11L);
        assertThat(waiting.parameters(new Object[] {"c-1", "ENROLLED"}, Optional.empty(), 51)).containsExactly("c-1", "ENROLLED", 51L);
        assertThatThrownBy(() -> waiting.position(PageRequest.of(null, Cursor.of("matches", List.of(at, "a-7")).encode())))
                .as("another list's cursor").isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> waiting.parameters(new Object[] {"c-1"}, Optional.empty(), 51)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_row_once_when_pages_are_cut_between_rows_with_the_same_timestamp() {
        // The walk a client makes, over rows in (timestamp, id) order with runs of equal timestamps.
        List<Object[]> rows = IntStream.range(0, 23).mapToObj(i -> new Object[] {Instant.ofEpochSecond(i / 5), "id-" + (char) ('a' + i)}).toList();
        PageRequest request = PageRequest.of("4", null);
        List<String> seen = new java.util.ArrayList<>();
        Optional<Cursor> after = Optional.empty();
        do {
            Optional<Cursor> from = after;
            List<Object[]> fetched = rows.stream().filter(row -> from.isEmpty() || compare(row, from.get()) > 0).limit(request.fetch()).toList();
            Page<Object[]> page = Page.of(fetched, request, row -> Cursor.of("rows", List.of(row[0], row[1])));
            page.rows().forEach(row -> seen.add((String) row[1]));
            after = page.next().map(cursor -> Cursor.decode(cursor.encode(), "rows", TIMESTAMP_AND_ID));
        } while (after.isPresent());
        assertThat(seen).isEqualTo(rows.stream().map(row -> (String) row[1]).toList());
    }

    private static int compare(Object[] row, Cursor cursor) {
        int byTime = ((Instant) row[0]).compareTo((Instant) cursor.key().get(0));
        return byTime != 0 ? byTime : ((String) row[1]).compareTo((String) cursor.key().get(1));
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
