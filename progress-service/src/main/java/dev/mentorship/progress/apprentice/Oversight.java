package dev.mentorship.progress.apprentice;

import dev.mentorship.eventsourcing.store.Rows;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.progress.curriculum.Mode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What mentors and the program office watch, from the journey read models: a mentor's apprentices with
 * what waits on the mentor, and a cohort's progress with the apprentices at risk and why.
 */
@ApplicationScoped
public class Oversight {

    /** One of the mentor's current apprentices: milestones waiting for their sign-off, and check-ins overdue. */
    public record MentoredApprentice(String apprenticeId, String cohortId, String matchId, Instant matchedAt, List<String> pendingSignOffs,
            int checkInCadenceDays, LocalDate lastCheckInOn, int overdueCheckIns, Instant nextCheckInDue) {
    }

    public record ModeCount(Mode mode, int signedOff, int total) {
    }

    /** One apprentice of a cohort. */
    public record CohortApprentice(String apprenticeId, String status, String mentorId, String matchId, Instant enrolledAt, long daysInProgram,
            Integer curriculumVersion, List<ModeCount> modes, int shadowShifts, int overdueCheckIns, LocalDate lastCheckInOn,
            Instant lastProgressAt, String interviewLoop, boolean atRisk, List<String> atRiskReasons) {
    }

    /** The rules an apprentice is at risk by, as configured. */
    public record AtRiskRules(int overdueCheckIns, int stalledDays) {
    }

    public record CohortProgress(String cohortId, Instant asAt, AtRiskRules atRiskRules, int apprentices, int atRisk,
            List<CohortApprentice> rows) {
    }

    private final Clock clock;
    private final AtRiskRules rules;

    public Oversight(Clock clock, @ConfigProperty(name = "progress.at-risk.overdue-check-ins", defaultValue = "2") int overdueCheckIns,
            @ConfigProperty(name = "progress.at-risk.stalled-days", defaultValue = "30") int stalledDays) {
        this.clock = clock;
        this.rules = new AtRiskRules(overdueCheckIns, stalledDays);
    }

    public Uni<List<MentoredApprentice>> mentoredBy(String mentorSubject) {
        return Panache.withSession(() -> SessionSql.select("select a.apprentice_id, a.cohort_id, a.match_id, a.matched_at,"
                + " (select string_agg(s.milestone_id, ',' order by s.updated_at) from milestone_states s"
                + " where s.apprentice_id = a.apprentice_id and s.status = 'EVIDENCE_SUBMITTED'),"
                + " m.cadence_days, m.last_check_in_on, m.overdue_in_a_row, m.next_due_at"
                + " from apprentice_progress a join progress_matches m on m.match_id = a.match_id"
                + " where a.mentor_subject = $1 order by a.matched_at, a.apprentice_id", mentorSubject))
                .map(rows -> rows.stream().map(row -> new MentoredApprentice((String) row[0], (String) row[1], (String) row[2],
                        Rows.asInstant(row[3]), row[4] == null ? List.of() : Arrays.asList(((String) row[4]).split(",")),
                        (Integer) row[5], (LocalDate) row[6], (Integer) row[7], Rows.asInstant(row[8]))).toList());
    }

    public Uni<CohortProgress> cohort(String cohortId) {
        Instant now = clock.instant();
        return Panache.withSession(() -> SessionSql.select("select a.apprentice_id, a.mentor_id, a.match_id, a.enrolled_at, a.curriculum_version,"
                + " a.last_progress_at, a.graduated_at, a.withdrawn_at, a.shadow_shifts, a.interview_loop, coalesce(m.overdue_in_a_row, 0),"
                + " m.last_check_in_on from apprentice_progress a left join progress_matches m on m.match_id = a.match_id"
                + " where a.cohort_id = $1 order by a.enrolled_at, a.apprentice_id", cohortId)
                .chain(apprentices -> SessionSql.select("select a.apprentice_id, cm.mode, count(*)::int,"
                        + " (count(*) filter (where s.status = 'SIGNED_OFF'))::int from apprentice_progress a"
                        + " join curriculum_milestones cm on cm.version = coalesce(a.curriculum_version, (select max(version) from curriculum_milestones))"
                        + " left join milestone_states s on s.apprentice_id = a.apprentice_id and s.milestone_id = cm.milestone_id"
                        + " where a.cohort_id = $1 group by a.apprentice_id, cm.mode"
                        + " union all select s.apprentice_id, s.mode, count(*)::int, (count(*) filter (where s.status = 'SIGNED_OFF'))::int"
                        + " from milestone_states s join apprentice_progress a on a.apprentice_id = s.apprentice_id"
                        + " where a.cohort_id = $1 and s.remediation group by s.apprentice_id, s.mode", cohortId)
                        .map(counts -> rows(apprentices, counts, now))))
                .map(rows -> new CohortProgress(cohortId, now, rules, rows.size(), (int) rows.stream().filter(CohortApprentice::atRisk).count(),
                        rows));
    }

    private List<CohortApprentice> rows(List<Object[]> apprentices, List<Object[]> counts, Instant now) {
        Map<String, Map<Mode, int[]>> modes = new HashMap<>();
        for (Object[] count : counts) {
            int[] sum = modes.computeIfAbsent((String) count[0], id -> new EnumMap<>(Mode.class))
                    .computeIfAbsent(Mode.valueOf((String) count[1]), mode -> new int[2]);
            sum[0] += (Integer) count[3];
            sum[1] += (Integer) count[2];
        }
        List<CohortApprentice> rows = new ArrayList<>(apprentices.size());
        for (Object[] row : apprentices) {
            String apprenticeId = (String) row[0];
            Instant enrolledAt = Rows.asInstant(row[3]);
            Instant lastProgressAt = Rows.asInstant(row[5]);
            Instant graduatedAt = Rows.asInstant(row[6]);
            Instant withdrawnAt = Rows.asInstant(row[7]);
            int overdue = (Integer) row[10];
            String status = graduatedAt != null ? "GRADUATED" : withdrawnAt != null ? "WITHDRAWN" : row[2] == null ? "UNMATCHED" : "ACTIVE";
            Instant until = graduatedAt != null ? graduatedAt : withdrawnAt != null ? withdrawnAt : now;
            List<String> reasons = new ArrayList<>();
            if (graduatedAt == null && withdrawnAt == null) {
                if (overdue >= rules.overdueCheckIns()) {
                    reasons.add(overdue + " check-in periods missed in a row (at risk from " + rules.overdueCheckIns() + ")");
                }
                Instant since = lastProgressAt != null ? lastProgressAt : enrolledAt;
                if (since != null && Duration.between(since, now).toDays() >= rules.stalledDays()) {
                    reasons.add("no milestone progress for " + Duration.between(since, now).toDays() + " days (at risk from "
                            + rules.stalledDays() + ")");
                }
            }
            Map<Mode, int[]> own = modes.getOrDefault(apprenticeId, Map.of());
            List<ModeCount> perMode = Arrays.stream(Mode.values()).map(mode -> {
                int[] sum = own.getOrDefault(mode, new int[2]);
                return new ModeCount(mode, sum[0], sum[1]);
            }).toList();
            rows.add(new CohortApprentice(apprenticeId, status, (String) row[1], (String) row[2], enrolledAt,
                    enrolledAt == null ? 0 : Math.max(0, Duration.between(enrolledAt, until).toDays()), (Integer) row[4], perMode,
                    (Integer) row[8], overdue, (LocalDate) row[11], lastProgressAt, (String) row[9], !reasons.isEmpty(), List.copyOf(reasons)));
        }
        return rows;
    }

    /** The cohort as CSV: one row per apprentice, a column per way of learning ({@code signed off/total}). */
    public static String csv(CohortProgress progress) {
        StringBuilder out = new StringBuilder("apprenticeId,status,mentorId,enrolledAt,daysInProgram,curriculumVersion");
        for (Mode mode : Mode.values()) {
            out.append(',').append(mode.name().toLowerCase());
        }
        out.append(",shadowShifts,overdueCheckIns,lastCheckInOn,lastProgressAt,interviewLoop,atRisk,atRiskReasons\r\n");
        for (CohortApprentice row : progress.rows()) {
            out.append(row.apprenticeId()).append(',').append(row.status()).append(',').append(text(row.mentorId())).append(',')
                    .append(text(row.enrolledAt())).append(',').append(row.daysInProgram()).append(',').append(text(row.curriculumVersion()));
            for (ModeCount mode : row.modes()) {
                out.append(',').append(mode.signedOff()).append('/').append(mode.total());
            }
            out.append(',').append(row.shadowShifts()).append(',').append(row.overdueCheckIns()).append(',').append(text(row.lastCheckInOn()))
                    .append(',').append(text(row.lastProgressAt())).append(',').append(text(row.interviewLoop())).append(',').append(row.atRisk())
                    .append(',').append(quoted(String.join("; ", row.atRiskReasons()))).append("\r\n");
        }
        return out.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String quoted(String value) {
        return value.isEmpty() ? "" : '"' + value.replace("\"", "\"\"") + '"';
    }
}
