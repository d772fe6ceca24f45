package dev.mentorship.matching.hr;

import dev.mentorship.eventsourcing.store.SessionSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * The platform subjects of the people in the program that HR records (a tool's employee, a SCIM
 * user, a mentor candidate) are linked to: whose record a read of HR data is, for the access log.
 * Someone HR sent who is not in the program has no subject here.
 */
public final class HrSubjects {

    private HrSubjects() {
    }

    /** For records of one source. */
    public static Uni<List<String>> of(String source, List<String> employeeIds) {
        return of(employeeIds.stream().map(id -> source).toList(), employeeIds);
    }

    /** For the HR records ({@code sources[i]}, {@code employeeIds[i]}), in any order, each subject once. */
    public static Uni<List<String>> of(List<String> sources, List<String> employeeIds) {
        if (sources.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // From the log (each record's first event names its subject), not the directory, which may not have caught up yet.
        return Panache.withSession(() -> SessionSql.select("select distinct e.payload->>'subject' "
                + "from unnest($1::text[], $2::text[]) r(source, employee_id) "
                + "join hr_people h on h.source = r.source and h.employee_id = r.employee_id and h.kind in ('apprentice', 'mentor') "
                + "join events e on e.stream_id = h.kind || '-' || h.person_id and e.version = 1 "
                + "where e.payload->>'subject' is not null", sources.toArray(String[]::new), employeeIds.toArray(String[]::new)))
                .map(rows -> rows.stream().map(row -> (String) row[0]).toList());
    }
}
