package dev.mentorship.matching;

import static dev.mentorship.matching.Api.office;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.matching.directory.Lists;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A program of 20,000 apprentices answers a page as one of 20 does: the statement each list runs (the
 * service's own text, prepared as the Vert.x client prepares it) reads the page's rows from an index,
 * in order, and stops; no sequential scan, no sort of everything the filter matches. Plans, not
 * timings: on a shared two-core machine a timing says more about the neighbours than about the query.
 *
 * <p>The service's client keeps no prepared statements (Quarkus' {@code cache-prepared-statements} is
 * off), so PostgreSQL plans each execution for the values at hand: the custom plan, checked for every
 * list. The waiting list is also checked under the generic plan a cached statement may switch to after
 * five executions; only its index gives its order, so that plan is the same. The history of one cohort
 * is not: a generic plan, which cannot know the cohort's share of the table, may walk the whole history
 * backwards and filter, so the statement cache stays off (see docs/architecture.md, Lists).
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class ListScaleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PLAN_MODES = List.of("force_custom_plan", "force_generic_plan");
    private static final int FETCH = 51;

    @Inject
    AgroalDataSource jdbc;

    @Test
    void a_page_of_a_cohort_of_20000_is_read_like_a_page_of_a_cohort_of_20() throws Exception {
        try (DirectoryRows rows = new DirectoryRows(jdbc)) {
            String large = rows.waitingCohort(20_000, 7);
            String small = rows.waitingCohort(20, 7);
            rows.execute("analyze apprentice_directory");
            List<String> middle = rowAt(rows, "select enrolled_at, apprentice_id from apprentice_directory where cohort_id = '" + large
                    + "' order by enrolled_at, apprentice_id offset 10000 limit 1");

            for (String mode : PLAN_MODES) {
                Plan firstOfLarge = plan(mode, Lists.UNMATCHED.firstSql(), large, "ENROLLED", FETCH);
                Plan firstOfSmall = plan(mode, Lists.UNMATCHED.firstSql(), small, "ENROLLED", FETCH);
                Plan middleOfLarge = plan(mode, Lists.UNMATCHED.afterSql(), large, "ENROLLED", middle.get(0), middle.get(1), FETCH);

                firstOfLarge.readsOnePageThrough("apprentice_directory_waiting", mode + ", first page of 20,000");
                middleOfLarge.readsOnePageThrough("apprentice_directory_waiting", mode + ", page after row 10,000 of 20,000");
                firstOfSmall.readsOnePageThrough("apprentice_directory_waiting", mode + ", first page of 20");
                assertThat(firstOfLarge.nodeTypes()).as(mode + ": the same plan for 20,000 as for 20").isEqualTo(firstOfSmall.nodeTypes());
                assertThat(middleOfLarge.nodeTypes()).as(mode + ": the same plan deep in the list").isEqualTo(firstOfSmall.nodeTypes());
            }
        }
    }

    @Test
    void every_list_reads_its_pages_through_an_index_in_its_order() throws Exception {
        try (DirectoryRows rows = new DirectoryRows(jdbc)) {
            List<String> mentors = rows.mentors(20_000);
            String mentor = mentors.get(0);
            // One mentor's roster and one cohort among many, as in a program: 2,000 of 20,000 matches.
            String cohort = rows.matches(mentor, "STARTED", 2_000, 7);
            rows.matchesOfOthers(18_000, 900);
            rows.execute("analyze mentor_directory");
            rows.execute("analyze match_records");
            List<String> middleMatch = rowAt(rows, "select proposed_at, match_id from match_records where cohort_id = '" + cohort
                    + "' order by proposed_at, match_id offset 1000 limit 1");
            String middleMentor = mentors.stream().sorted().toList().get(10_000);

            for (String mode : List.of("force_custom_plan")) {
                plan(mode, Lists.MENTORS.firstSql(), FETCH).readsOnePageThrough("mentor_directory_pkey", mode + ", mentors");
                plan(mode, Lists.MENTORS.afterSql(), middleMentor, FETCH).readsOnePageThrough("mentor_directory_pkey", mode + ", mentors after");
                plan(mode, Lists.ROSTER.firstSql(), mentor, "STARTED", FETCH).readsOnePageThrough("match_records_roster", mode + ", roster");
                plan(mode, Lists.ROSTER.afterSql(), mentor, "STARTED", middleMatch.get(0), middleMatch.get(1), FETCH)
                        .readsOnePageThrough("match_records_roster", mode + ", roster after");
                plan(mode, Lists.MATCHES.firstSql(), FETCH).readsOnePageThrough("match_records_history", mode + ", matches");
                plan(mode, Lists.MATCHES.afterSql(), middleMatch.get(0), middleMatch.get(1), FETCH)
                        .readsOnePageThrough("match_records_history", mode + ", matches after");
                plan(mode, Lists.MATCHES_OF_COHORT.firstSql(), cohort, FETCH)
                        .readsOnePageThrough("match_records_cohort_history", mode + ", matches of a cohort");
                plan(mode, Lists.MATCHES_OF_COHORT.afterSql(), cohort, middleMatch.get(0), middleMatch.get(1), FETCH)
                        .readsOnePageThrough("match_records_cohort_history", mode + ", matches of a cohort after");
            }
        }
    }

    @Test
    void a_client_walks_20000_waiting_apprentices_in_pages_of_500_and_exports_them_in_one_csv() {
        try (DirectoryRows rows = new DirectoryRows(jdbc)) {
            String cohort = rows.waitingCohort(20_000, 7);
            List<String> expected = rows.column("select apprentice_id from apprentice_directory where cohort_id = '" + cohort
                    + "' order by enrolled_at, apprentice_id");

            List<Map<String, Object>> walked = Api.everyRow(Api::office, "/cohorts/" + cohort + "/unmatched?limit=500");
            assertThat(walked).extracting(row -> row.get("apprenticeId")).containsExactlyElementsOf(expected);

            String csv = office().accept("text/csv").get("/cohorts/" + cohort + "/unmatched").then().statusCode(200).extract().asString();
            List<String> lines = Arrays.asList(csv.split("\n"));
            assertThat(lines).hasSize(20_001);
            assertThat(lines.subList(1, lines.size())).extracting(line -> line.split(",")[0].replace("\"", ""))
                    .containsExactlyElementsOf(expected);
        }
    }

    /** The columns of the one row {@code sql} selects, as text. */
    private static List<String> rowAt(DirectoryRows rows, String sql) {
        return rows.row(sql);
    }

    /**
     * The plan of a list's statement, run: prepared with its {@code $n} parameters as the service's
     * client prepares it, executed with these values, under {@code plan_cache_mode = mode}.
     */
    private Plan plan(String mode, String sql, Object... parameters) throws SQLException, java.io.IOException {
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set plan_cache_mode to " + mode);
            statement.execute("prepare page as " + sql);
            try {
                String values = Arrays.stream(parameters).map(value -> value instanceof Number ? value.toString() : "'" + value + "'")
                        .collect(Collectors.joining(", "));
                try (ResultSet plan = statement.executeQuery("explain (analyze, buffers, timing off, format json) execute page(" + values + ")")) {
                    plan.next();
                    return new Plan(sql, JSON.readTree(plan.getString(1)).get(0).get("Plan"));
                }
            } finally {
                statement.execute("deallocate page");
                statement.execute("reset plan_cache_mode");
            }
        }
    }

    private record Plan(String sql, JsonNode root) {

        List<JsonNode> nodes() {
            List<JsonNode> nodes = new ArrayList<>();
            collect(root, nodes);
            return nodes;
        }

        List<String> nodeTypes() {
            return nodes().stream().map(node -> node.get("Node Type").asText() + " " + node.path("Index Name").asText("")).toList();
        }

        /**
         * Reads the page from {@code index}, already in order, and no more rows than one page and the one
         * after it; touches at most a table block per row (ids drawn at random scatter the rows) and a few
         * index blocks, not the hundreds that hold 20,000 rows.
         */
        void readsOnePageThrough(String index, String what) {
            String shown = what + "\n" + sql + "\n" + root.toPrettyString();
            assertThat(nodeTypes()).as(shown).noneMatch(type -> type.startsWith("Seq Scan") || type.startsWith("Sort")
                    || type.startsWith("Incremental Sort") || type.startsWith("Bitmap"));
            JsonNode scan = nodes().stream().filter(node -> index.equals(node.path("Index Name").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("No scan of " + index + ": " + shown));
            assertThat(scan.get("Actual Rows").asDouble() * scan.get("Actual Loops").asDouble()).as("rows read, " + shown)
                    .isLessThanOrEqualTo(FETCH);
            assertThat(scan.path("Rows Removed by Filter").asDouble(0)).as("rows read and dropped, " + shown).isZero();
            assertThat(root.get("Shared Hit Blocks").asInt() + root.get("Shared Read Blocks").asInt()).as("blocks touched, " + shown)
                    .isLessThanOrEqualTo(FETCH + 10);
        }

        private static void collect(JsonNode node, List<JsonNode> into) {
            into.add(node);
            node.path("Plans").forEach(child -> collect(child, into));
        }
    }
}
