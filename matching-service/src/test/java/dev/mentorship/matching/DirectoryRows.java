package dev.mentorship.matching;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Rows written straight into the directory's read-model tables, thousands in one statement, for tests
 * of how the lists read them. Each seeding is its own cohort or mentor (fresh ids), and {@link #close()}
 * deletes what it wrote, so the tests that share this database see none of it.
 */
final class DirectoryRows implements AutoCloseable {

    /** When the seeded rows start; rows share a timestamp in runs, so that pages are cut inside runs. */
    static final String BASE_TIME = "timestamptz '2027-03-01 09:00:00+00'";

    private final DataSource jdbc;
    private final List<String> cohorts = new ArrayList<>();
    private final List<String> mentors = new ArrayList<>();
    /** The subjects of mentors seeded in bulk start with this. */
    private final String bulk = "seeded-" + UUID.randomUUID() + "-";

    DirectoryRows(DataSource jdbc) {
        this.jdbc = jdbc;
    }

    /** A new cohort with {@code count} waiting apprentices, enrolled in runs of {@code perInstant} at the same microsecond. */
    String waitingCohort(int count, int perInstant) {
        String cohort = UUID.randomUUID().toString();
        cohorts.add(cohort);
        execute("insert into apprentice_directory (apprentice_id, subject, cohort_id, goals, timezone, manager_id, status, enrolled_at) "
                + "select gen_random_uuid()::text, 'seeded-' || g, '" + cohort + "', 'observability', 'UTC', null, 'ENROLLED', "
                + BASE_TIME + " + ((g / " + perInstant + ") * interval '1 second') from generate_series(1, " + count + ") g");
        return cohort;
    }

    /** A new mentor, paused so that no matching round of another test proposes them. */
    String mentor(String subject, int capacity) {
        String mentor = UUID.randomUUID().toString();
        mentors.add(mentor);
        execute("insert into mentor_directory (mentor_id, subject, sre_experience_years, skills, timezone, capacity, manager_id, status, registered_at) "
                + "values ('" + mentor + "', '" + subject + "', 5, 'observability', 'UTC', " + capacity + ", null, 'PAUSED', now())");
        return mentor;
    }

    /** {@code count} new paused mentors; their ids. */
    List<String> mentors(int count) {
        execute("insert into mentor_directory (mentor_id, subject, sre_experience_years, skills, timezone, capacity, manager_id, status, registered_at) "
                + "select gen_random_uuid()::text, '" + bulk + "' || g, 5, 'observability', 'UTC', 1, null, 'PAUSED', now() "
                + "from generate_series(1, " + count + ") g");
        return column("select mentor_id from mentor_directory where subject like '" + bulk + "%'");
    }

    /** A new cohort's matches of {@code mentorId} in {@code status}, proposed in runs of {@code perInstant}. */
    String matches(String mentorId, String status, int count, int perInstant) {
        String cohort = UUID.randomUUID().toString();
        cohorts.add(cohort);
        execute("insert into match_records (match_id, mentor_id, apprentice_id, cohort_id, status, proposed_at, started_at) "
                + "select gen_random_uuid()::text, '" + mentorId + "', gen_random_uuid()::text, '" + cohort + "', '" + status + "', "
                + BASE_TIME + " + ((g / " + perInstant + ") * interval '1 second'), "
                + ("STARTED".equals(status) ? BASE_TIME + " + interval '1 day'" : "null") + " from generate_series(1, " + count + ") g");
        return cohort;
    }

    /** A new cohort of {@code count} matches spread over {@code mentors} other mentors, in every status of a match's life. */
    String matchesOfOthers(int count, int mentors) {
        String cohort = UUID.randomUUID().toString();
        cohorts.add(cohort);
        execute("insert into match_records (match_id, mentor_id, apprentice_id, cohort_id, status, proposed_at) "
                + "select gen_random_uuid()::text, 'seeded-other-' || (g % " + mentors + "), gen_random_uuid()::text, '" + cohort + "', "
                + "(array['PROPOSED', 'STARTED', 'DECLINED', 'ENDED'])[1 + g % 4], " + BASE_TIME + " + (g * interval '100 milliseconds') "
                + "from generate_series(1, " + count + ") g");
        return cohort;
    }

    /** The first column of each row of {@code sql}, in the order the database gives. */
    List<String> column(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    /** The columns of the first row of {@code sql}, as text. */
    List<String> row(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                values.add(rows.getString(i));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    void execute(String sql) {
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (Connection connection = jdbc.getConnection();
                PreparedStatement apprentices = connection.prepareStatement("delete from apprentice_directory where cohort_id = any(?)");
                PreparedStatement matches = connection.prepareStatement("delete from match_records where cohort_id = any(?) or mentor_id = any(?)");
                PreparedStatement mentorRows = connection.prepareStatement(
                        "delete from mentor_directory where mentor_id = any(?) or subject like '" + bulk + "%'")) {
            apprentices.setArray(1, connection.createArrayOf("text", cohorts.toArray()));
            apprentices.executeUpdate();
            matches.setArray(1, connection.createArrayOf("text", cohorts.toArray()));
            matches.setArray(2, connection.createArrayOf("text", mentors.toArray()));
            matches.executeUpdate();
            mentorRows.setArray(1, connection.createArrayOf("text", mentors.toArray()));
            mentorRows.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
