package dev.mentorship.matching;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the service's event log holds, read over JDBC: how tests prove that a refused command wrote nothing. */
final class StoredEvents {

    private StoredEvents() {
    }

    /** The single number a {@code select count(*)} answers, with its {@code ?} bound to the parameters in order. */
    static long count(AgroalDataSource jdbc, String sql, String... parameters) throws SQLException {
        try (Connection connection = jdbc.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Cohort events whose name starts with {@code prefix} (names from {@link Api#unique} are unique). */
    static long cohortsNamed(AgroalDataSource jdbc, String prefix) throws SQLException {
        return count(jdbc, "select count(*) from events where type like 'Cohort%' and payload->>'name' like ?", prefix + "%");
    }
}
