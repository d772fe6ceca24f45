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

    /** For the HR records ({@code sources[i]}, {@code employeeIds[i]}), in any order, each subject once. */
    public static Uni<List<String>> of(List<String> sources, List<String> employeeIds) {
        if (sources.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withSession(() -> SessionSql.select("select distinct coalesce(a.subject, m.subject) "
                + "from unnest($1::text[], $2::text[]) r(source, employee_id) "
                + "join hr_people h on h.source = r.source and h.employee_id = r.employee_id "
                + "left join apprentice_directory a on h.kind = 'apprentice' and a.apprentice_id = h.person_id "
                + "left join mentor_directory m on h.kind = 'mentor' and m.mentor_id = h.person_id "
                + "where coalesce(a.subject, m.subject) is not null", sources.toArray(String[]::new), employeeIds.toArray(String[]::new)))
                .map(rows -> rows.stream().map(row -> (String) row[0]).toList());
    }
}
