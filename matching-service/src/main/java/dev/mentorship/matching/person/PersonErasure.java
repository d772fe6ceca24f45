package dev.mentorship.matching.person;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.privacy.AccessLog;
import dev.mentorship.eventsourcing.privacy.DataKeys;
import dev.mentorship.eventsourcing.privacy.Erasure;
import dev.mentorship.eventsourcing.privacy.ErasureCommand;
import dev.mentorship.eventsourcing.privacy.ErasureEvent;
import dev.mentorship.eventsourcing.privacy.PersonalData;
import dev.mentorship.eventsourcing.projection.ProjectionRunner;
import dev.mentorship.eventsourcing.reactive.InOrder;
import dev.mentorship.eventsourcing.security.SignInLinks;
import dev.mentorship.matching.directory.DirectoryProjection;
import dev.mentorship.eventsourcing.store.NewIds;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.matching.apprentice.Withdrawals;
import dev.mentorship.matching.mentor.Departures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Erasing a person, asked for here for the whole platform. In one transaction, matching-service
 * records the request (published as PersonErasureRequested, for progress-service and
 * feedback-service to act on), erases the person's data keys (their own, their apprentice or mentor
 * records' and their matches'), deletes their contact details, HR links, SCIM record and what HR
 * sent about them, and records its own confirmation. The others' confirmations arrive as their
 * PersonErased ({@link ErasureConfirmations}).
 */
@ApplicationScoped
public class PersonErasure {

    public static final String SERVICE = "matching";
    /** The services that erase, in the order the status lists them. */
    public static final List<String> SERVICES = List.of("matching", "progress", "feedback");

    private final CommandHandler commands;
    private final Aggregate<ErasureCommand, ErasureEvent, Erasure> erasures;
    private final DataKeys keys;
    private final Withdrawals withdrawals;
    private final Departures departures;
    private final Suppressions suppressions;
    private final SignInLinks links;
    private final ProjectionRunner projections;

    public PersonErasure(CommandHandler commands, Aggregate<ErasureCommand, ErasureEvent, Erasure> erasures, DataKeys keys,
            Withdrawals withdrawals, Departures departures, Suppressions suppressions, SignInLinks links,
            ProjectionRunner projections) {
        this.projections = projections;
        this.links = links;
        this.suppressions = suppressions;
        this.withdrawals = withdrawals;
        this.departures = departures;
        this.commands = commands;
        this.erasures = erasures;
        this.keys = keys;
    }

    /** The erasure of {@code subject}, and whether this call asked for it (false: asked for before). */
    public record Requested(Erasure erasure, boolean fresh) {
    }

    /** What this service knows the person as: their apprentice and mentor records. */
    record Known(List<String> apprenticeIds, List<String> mentorIds) {

        List<String> ids() {
            List<String> all = new ArrayList<>(apprenticeIds);
            all.addAll(mentorIds);
            return all;
        }
    }

    public Uni<Requested> request(String named, CommandContext context, Instant now) {
        return Panache.withSession(() -> platformSubject(named)).chain(subject -> request(subject, named, context, now));
    }

    private Uni<Requested> request(String subject, String named, CommandContext context, Instant now) {
        return Panache.withSession(() -> known(subject)).chain(known -> leave(known, context, now).replaceWith(known))
                .chain(known -> commands.inTransaction(() -> existing(subject).chain(found -> {
                    if (found.isPresent()) {
                        // Asked again: what arrived since (a delivery from HR, say) goes the same way; nothing is confirmed twice.
                        return eraseHere(subject, known, now).replaceWith(new Requested(found.get(), false));
                    }
                    if (known.ids().isEmpty()) {
                        throw DomainException.notFound("No person with subject " + named + " in the program");
                    }
                    String erasureId = NewIds.next().toString();
                    return SessionSql.select("insert into erasures (subject, erasure_id, requested_at) values ($1, $2::uuid, $3) "
                                    + "on conflict (subject) do nothing returning erasure_id", subject, erasureId, now.atOffset(ZoneOffset.UTC))
                            .chain(inserted -> inserted.isEmpty()
                                    // Asked for at the same moment by another request, which committed first.
                                    ? existing(subject).map(other -> new Requested(other.orElseThrow(), false))
                                    : eraseHere(subject, known, now).chain(erased -> commands.executeNew(erasures, erasureId,
                                                    new ErasureCommand.RequestErasure(erasureId, subject, context.actor(), now), context, now)
                                            .chain(read -> commands.executeOn(erasures, read,
                                                    new ErasureCommand.ConfirmErasure(erasureId, SERVICE, subject, erased, now), context, now))
                                            .map(read -> new Requested(read.state(), true))));
                })));
    }

    /**
     * The person leaves the program first: withdrawn as an apprentice, offboarded as a mentor, their
     * matches ended; so no round proposes them again and nothing new is written about them. What has
     * happened already (a withdrawal before) is left as it is.
     */
    private Uni<Void> leave(Known known, CommandContext context, Instant now) {
        return InOrder.each(known.apprenticeIds(), apprenticeId -> ignoringRefusal(withdrawals.withdraw(apprenticeId, PersonalData.PLACEHOLDER,
                context, now))).chain(() -> InOrder.each(known.mentorIds(), mentorId -> ignoringRefusal(departures.leave(mentorId, null, context,
                now))));
    }

    private static Uni<Void> ignoringRefusal(Uni<?> command) {
        return command.replaceWithVoid().onFailure(DomainException.class).recoverWithItem((Void) null);
    }

    /** The erasure of {@code subject}, if one was asked for. */
    public Uni<Optional<Erasure>> status(String subject) {
        return Panache.withSession(() -> platformSubject(subject).chain(this::existing));
    }

    /** In the caller's transaction: one erasure or sign-in link of the person with {@code subject} at a time. */
    static Uni<Void> lock(String subject) {
        return SessionSql.value("select pg_advisory_xact_lock(hashtext($1))", "person:" + subject).replaceWithVoid();
    }

    /** Whether the person with {@code subject} was erased, in the caller's session. */
    static Uni<Boolean> erased(String subject) {
        return SessionSql.select("select 1 from erasures where subject = $1", subject).map(rows -> !rows.isEmpty());
    }

    /** The platform subject a person is known by: {@code subject} itself, or the pseudonym a sign-in subject is linked to. */
    private static Uni<String> platformSubject(String subject) {
        return SignInLinks.linkOf(subject).map(linked -> linked.orElse(subject));
    }

    private Uni<Optional<Erasure>> existing(String subject) {
        return SessionSql.select("select erasure_id::text from erasures where subject = $1", subject).chain(rows -> rows.isEmpty()
                ? Uni.createFrom().item(Optional.<Erasure>empty())
                : commands.loadInSession(erasures, (String) rows.get(0)[0]).map(read -> Optional.of(read.state())));
    }

    /** From the log itself, not a read model that may lag: whoever enrolled or registered under this subject. */
    static Uni<Known> known(String subject) {
        return SessionSql.select("select type, coalesce(payload->>'apprenticeId', payload->>'mentorId') from events "
                + "where type in ('ApprenticeEnrolled', 'MentorRegistered') and payload->>'subject' = $1 order by position", subject).map(rows -> {
                    List<String> apprentices = new ArrayList<>();
                    List<String> mentors = new ArrayList<>();
                    for (Object[] row : rows) {
                        ("ApprenticeEnrolled".equals(row[0]) ? apprentices : mentors).add((String) row[1]);
                    }
                    return new Known(List.copyOf(apprentices), List.copyOf(mentors));
                });
    }

    /** The matches proposed to any of these apprentice or mentor records, oldest first, from the log. */
    static Uni<List<Object[]>> matchIds(String[] ids) {
        return SessionSql.select("select payload->>'matchId' from events where type = 'MatchProposed' "
                + "and (payload->>'mentorId' = any($1::text[]) or payload->>'apprenticeId' = any($1::text[])) order by position", (Object) ids);
    }

    /** Everything this service holds about the person, erased or rewritten; counted by kind. */
    private Uni<Map<String, Integer>> eraseHere(String subject, Known known, Instant now) {
        String[] ids = known.ids().toArray(String[]::new);
        Map<String, Integer> erased = new LinkedHashMap<>();
        // The directory keeps managers: a step of it that read them before the keys go must not write them back after.
        return lock(subject).chain(() -> projections.holdOff(DirectoryProjection.NAME)).chain(() -> matchIds(ids))
                .chain(matches -> {
                    Set<String> keyIds = new HashSet<>(known.ids());
                    keyIds.add(subject);
                    matches.forEach(row -> keyIds.add((String) row[0]));
                    return keys.erase(keyIds).invoke(count -> erased.put("dataKeys", count));
                })
                .chain(() -> SessionSql.select("select lower(email) from people where id::text = any($1::text[])", (Object) ids))
                .chain(emailRows -> {
                    String[] emails = emailRows.stream().map(row -> (String) row[0]).toArray(String[]::new);
                    return SessionSql.select("select source, employee_id from hr_people where person_id = any($1::text[])", (Object) ids)
                            .chain(links -> {
                                List<String> terms = new ArrayList<>(List.of(emails));
                                links.forEach(link -> terms.add("\"" + ((String) link[1]).toLowerCase(Locale.ROOT) + "\""));
                                // So that an HR tool that keeps sending them does not enrol them again.
                                Set<String> digests = new HashSet<>();
                                for (String email : emails) {
                                    digests.add(suppressions.email(email));
                                }
                                links.forEach(link -> digests.add(suppressions.employee((String) link[0], (String) link[1])));
                                return count(erased, "suppressions", suppressions.record(digests, now))
                                        .chain(() -> count(erased, "profiles", SessionSql.update("delete from people where id::text = any($1::text[])",
                                                (Object) ids)))
                                        .chain(() -> count(erased, "mentorCandidates", SessionSql.update("update hr_mentor_candidates set name = null, "
                                                + "email = null, job_title = null, department = null, manager_id = null, updated_at = now() "
                                                + "where (mentor_id = any($1::text[]) or lower(email) = any($2::text[]) or exists (select 1 from hr_people h "
                                                + "where h.person_id = any($1::text[]) and h.source = hr_mentor_candidates.source "
                                                + "and h.employee_id = hr_mentor_candidates.employee_id)) "
                                                + "and (name is not null or email is not null or job_title is not null or department is not null "
                                                + "or manager_id is not null)", ids, emails)))
                                        // What HR sent about them: the bodies that name their e-mail address or employee id.
                                        .chain(() -> count(erased, "hrDeliveries", SessionSql.update("update hr_deliveries set body = '{}', "
                                                + "headers = '{}', last_error = null, outcome = null where body <> '{}' "
                                                + "and status not in ('RECEIVED', 'RETRYING', 'PROCESSING') and exists (select 1 from unnest($1::text[]) t "
                                                + "where position(t in lower(body)) > 0)", (Object) terms.toArray(String[]::new))))
                                        .chain(() -> count(erased, "scimUsers", SessionSql.update("delete from scim_users where id::text in "
                                                + "(select employee_id from hr_people where source = 'scim' and person_id = any($1::text[])) "
                                                + "or lower(user_name) = any($2::text[])", ids, emails)))
                                        .chain(() -> count(erased, "hrLinks", SessionSql.update("delete from hr_people where person_id = any($1::text[])",
                                                (Object) ids)));
                            });
                })
                // The read models keep the records (counted anonymously), with what the erased keys sealed in the log.
                .chain(() -> count(erased, "directoryEntries", SessionSql.update("update apprentice_directory set manager_id = null "
                        + "where apprentice_id = any($1::text[]) and manager_id is not null", (Object) ids)))
                .chain(() -> SessionSql.update("update mentor_directory set manager_id = null where mentor_id = any($1::text[]) "
                        + "and manager_id is not null", (Object) ids).invoke(count -> erased.merge("directoryEntries", count, Integer::sum)))
                .chain(() -> count(erased, "accessLog", AccessLog.forget(subject)))
                .chain(() -> SessionSql.select("delete from sign_in_links where subject = $1 returning sign_in_subject", subject).invoke(rows -> {
                    erased.put("signInLinks", rows.size());
                    rows.forEach(row -> links.forget((String) row[0]));
                }))
                .map(ignored -> Map.copyOf(erased));
    }

    private static Uni<Void> count(Map<String, Integer> erased, String kind, Uni<Integer> statement) {
        return statement.invoke(count -> erased.put(kind, count)).replaceWithVoid();
    }
}
