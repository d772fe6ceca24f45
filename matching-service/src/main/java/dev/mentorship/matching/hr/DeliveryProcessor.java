package dev.mentorship.matching.hr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.eventsourcing.background.BackgroundLoop;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.security.Pseudonyms;
import dev.mentorship.matching.person.ScimStrip;
import dev.mentorship.matching.person.Suppressions;
import dev.mentorship.eventsourcing.store.NewIds;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.eventsourcing.store.SqlErrors;
import dev.mentorship.matching.apprentice.Apprentice;
import dev.mentorship.matching.apprentice.ApprenticeCommand;
import dev.mentorship.matching.apprentice.ApprenticeEvent;
import dev.mentorship.matching.apprentice.Withdrawals;
import dev.mentorship.matching.cohort.Cohort;
import dev.mentorship.matching.cohort.CohortCommand;
import dev.mentorship.matching.cohort.CohortEvent;
import dev.mentorship.matching.mentor.Departures;
import dev.mentorship.matching.mentor.Mentor;
import dev.mentorship.matching.mentor.MentorCommand;
import dev.mentorship.matching.mentor.MentorEvent;
import dev.mentorship.matching.person.Person;
import dev.mentorship.matching.person.Registration;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Works out stored HR deliveries, oldest first, after they were answered. A delivery is claimed with
 * {@code for update skip locked} (so two instances never take the same one) for a few minutes: were
 * the instance to die meanwhile, the claim lapses and the delivery is taken again. A failure of the
 * platform (the database away) is retried with growing back-off; a change the program refuses (an
 * unknown cohort, an e-mail already registered) is FAILED with the reason, for the admin to replay
 * once it is fixed. Each change is safe to work out twice: a link from (source, employee id) to the
 * person decides whether a hire is new, a withdrawn apprentice stays withdrawn and an offboarded
 * mentor offboarded. A rule may make a hire a mentor candidate instead ({@link MentorCandidates}): a
 * termination then takes them off the list, or, once confirmed, offboards the mentor and ends their
 * matches ({@link Departures}).
 */
@ApplicationScoped
public class DeliveryProcessor {

    private static final Logger LOG = Logger.getLogger(DeliveryProcessor.class);
    private static final Duration CLAIM = Duration.ofMinutes(5);
    private static final Duration LONGEST_BACK_OFF = Duration.ofHours(1);
    /** How the outcome of a change about an erased person begins. */
    public static final String ERASED = "ignored: an erased employee ";

    private final ObjectMapper json;
    private final CommandHandler commands;
    private final Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices;
    private final Aggregate<CohortCommand, CohortEvent, Cohort> cohorts;
    private final Withdrawals withdrawals;
    private final Aggregate<MentorCommand, MentorEvent, Mentor> mentors;
    private final Departures departures;
    private final MentorCandidates candidates;
    private final MappingRules rules;
    private final Suppressions suppressions;
    private final Clock clock;
    private final Duration every;
    private final boolean enabled;
    private final BackgroundLoop loop = new BackgroundLoop("hr-deliveries", this::run);

    public DeliveryProcessor(ObjectMapper json, CommandHandler commands, Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices,
            Aggregate<CohortCommand, CohortEvent, Cohort> cohorts, Withdrawals withdrawals, Aggregate<MentorCommand, MentorEvent, Mentor> mentors,
            Departures departures, MentorCandidates candidates, MappingRules rules, Suppressions suppressions, Clock clock,
            @ConfigProperty(name = "hr.deliveries.poll-every", defaultValue = "PT1S") Duration every,
            @ConfigProperty(name = "hr.deliveries.processing-enabled", defaultValue = "true") boolean enabled) {
        this.json = json;
        this.commands = commands;
        this.apprentices = apprentices;
        this.cohorts = cohorts;
        this.withdrawals = withdrawals;
        this.mentors = mentors;
        this.departures = departures;
        this.candidates = candidates;
        this.rules = rules;
        this.suppressions = suppressions;
        this.clock = clock;
        this.every = every;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
    }

    private void run() {
        while (loop.running()) {
            int done = 0;
            try {
                done = VertxContextSupport.subscribeAndAwait(this::processPending);
            } catch (Throwable failure) {
                LOG.warnf("Processing HR deliveries failed, tried again shortly: %s", failure.getMessage());
            }
            if (done == 0) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Claims and works out the deliveries due now, up to 5 (each well within its claim), in the order they
     * were received; how many were taken. A source's deliveries are worked out by one instance at a time:
     * while one holds a live claim on some, the others take none of that source, so two changes to one
     * person are never worked out at once or out of order (a delivery waiting to be retried holds nothing
     * up). Claims are taken one instance after another, under a transaction's advisory lock.
     */
    public Uni<Integer> processPending() {
        return Panache.withTransaction(() -> SessionSql.select("select pg_advisory_xact_lock(hashtext('hr_deliveries claim'))")
                .chain(() -> SessionSql.select("update hr_deliveries d set status = 'PROCESSING', attempts = d.attempts + 1,"
                        + " next_attempt_at = now() + make_interval(secs => $1::float8) from (select source, delivery_id from hr_deliveries due"
                        + " where status in ('RECEIVED', 'RETRYING', 'PROCESSING') and next_attempt_at <= now() and not exists (select 1 from"
                        + " hr_deliveries held where held.source = due.source and held.status = 'PROCESSING' and held.next_attempt_at > now())"
                        + " order by received_at, delivery_id limit 5 for update skip locked) due where d.source = due.source"
                        + " and d.delivery_id = due.delivery_id returning d.source, d.delivery_id, d.body, d.attempts, d.received_at",
                        (double) CLAIM.toSeconds())))
                .chain(claimed -> {
                    List<Object[]> ordered = new ArrayList<>(claimed);
                    ordered.sort(Comparator.comparing((Object[] row) -> (OffsetDateTime) row[4]).thenComparing(row -> (String) row[1]));
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (Object[] row : ordered) {
                        all = all.chain(() -> Uni.createFrom().deferred(() -> process((String) row[0], (String) row[1], (String) row[2],
                                (Integer) row[3])).onFailure().recoverWithUni(failure -> retry((String) row[0], (String) row[1], (Integer) row[3],
                                failure)));
                    }
                    return all.replaceWith(claimed.size());
                });
    }

    private Uni<Void> process(String source, String deliveryId, String body, int attempts) {
        List<HrChange> changes;
        try {
            JsonNode payload = json.readTree(body);
            changes = HrChange.of(source, payload);
        } catch (java.io.IOException e) {
            return finish(source, deliveryId, attempts, "FAILED", "unreadable: " + e.getMessage(), null);
        }
        if (changes.isEmpty()) {
            return finish(source, deliveryId, attempts, "IGNORED", null, source.equals("personio")
                    ? "Personio's deliveries carry no employee data; reading it from Personio's API is not built"
                    : "no employee change this service acts on");
        }
        CommandContext context = CommandContext.of("hr:" + source, "hr-delivery-" + deliveryId);
        List<String> outcomes = new ArrayList<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (HrChange change : changes) {
            all = all.chain(() -> apply(source, change, context).invoke(outcomes::add).replaceWithVoid());
        }
        return all.chain(() -> finish(source, deliveryId, attempts, outcomes.stream().allMatch(outcome -> outcome.startsWith("ignored"))
                ? "IGNORED" : "PROCESSED", null, String.join("; ", outcomes)))
                // What a tool still sends about an erased person is not kept either.
                .call(() -> outcomes.stream().anyMatch(outcome -> outcome.startsWith(ERASED)) ? Panache.withSession(() -> SessionSql.update(
                        "update hr_deliveries set body = '{}', headers = '{}' where source = $1 and delivery_id = $2", source, deliveryId))
                        : Uni.createFrom().voidItem())
                .onFailure().recoverWithUni(failure -> failure instanceof DomainException refused && refused.kind() != DomainException.Kind.NOT_READY
                        ? finish(source, deliveryId, attempts, "FAILED", refused.getMessage(), String.join("; ", outcomes))
                        : retry(source, deliveryId, attempts, failure));
    }

    /** What one change does here, said in a few words for the delivery's outcome. */
    private Uni<String> apply(String source, HrChange change, CommandContext context) {
        Instant now = clock.instant();
        return Panache.withSession(() -> SessionSql.select("select kind, person_id from hr_people where source = $1 and employee_id = $2", source,
                change.employeeId())).chain(links -> {
                    String kind = links.isEmpty() ? null : (String) links.getFirst()[0];
                    String linked = links.isEmpty() ? null : (String) links.getFirst()[1];
                    if ("left".equals(kind)) {
                        // Whatever order deliveries are worked out in, a leaver is never enrolled afterwards.
                        return Uni.createFrom().item("ignored: employee " + change.employeeId() + " has left");
                    }
                    if (kind == null) {
                        return Panache.withSession(() -> suppressions.suppressed(source, change.employeeId(), change.email())).chain(erased -> erased
                                // Not even the employee id: the suppression list keeps digests so as to hold nothing that names them.
                                ? stripScimUser(source, change.employeeId()).replaceWith(ERASED
                                        + "(a person erased from the platform) is not enrolled again")
                                : change.kind() == HrChange.Kind.TERMINATED ? Panache.withSession(() -> SessionSql.update("insert into hr_people (source,"
                                        + " employee_id, kind, person_id) values ($1, $2, 'left', '') on conflict do nothing", source, change.employeeId()))
                                .replaceWith("ignored: employee " + change.employeeId() + " is not in the program; recorded as left")
                                : enrol(source, change, context, now));
                    }
                    boolean leaving = change.kind() == HrChange.Kind.TERMINATED;
                    return switch (kind) {
                        case "apprentice" -> leaving ? withdraw(source, linked, change, context, now) : updateApprentice(linked, change, context, now);
                        case "mentor" -> leaving ? offboard(source, linked, change, context, now) : updateMentor(linked, change, context, now);
                        case "candidate" -> Panache.withTransaction(() -> leaving ? candidates.left(linked, source, change.employeeId())
                                : candidates.update(linked, change));
                        default -> throw new IllegalStateException("HR link of unknown kind " + kind);
                    };
                });
    }

    /**
     * What an identity provider provisions again about an erased person keeps only what SCIM needs to
     * answer for the user (id, active); the name and addresses it sent are not kept.
     */
    private static Uni<Integer> stripScimUser(String source, String employeeId) {
        return !"scim".equals(source) ? Uni.createFrom().item(0) : Panache.withSession(() -> SessionSql.update(ScimStrip.SQL
                + " where id::text = $1", employeeId));
    }

    private Uni<String> withdraw(String source, String apprenticeId, HrChange change, CommandContext context, Instant now) {
        return commands.load(apprentices, apprenticeId).chain(read -> read.state().status() == Apprentice.Status.WITHDRAWN
                || read.state().status() == Apprentice.Status.GRADUATED
                ? Uni.createFrom().item("apprentice " + apprenticeId + " already out of the program")
                : withdrawals.withdraw(apprenticeId, "Left the company (" + source + " employee " + change.employeeId() + ")", context, now)
                        .replaceWith("withdrew apprentice " + apprenticeId));
    }

    /** Also for a mentor offboarded through the API before: that ended their proposals only, this ends their running matches too. */
    private Uni<String> offboard(String source, String mentorId, HrChange change, CommandContext context, Instant now) {
        return departures.leave(mentorId, "mentor left the company (" + source + " employee " + change.employeeId() + ")", context, now)
                .replaceWith("offboarded mentor " + mentorId + " and ended their matches");
    }

    private Uni<String> enrol(String source, HrChange change, CommandContext context, Instant now) {
        var rule = rules.first(source, change);
        if (rule.isEmpty()) {
            return Uni.createFrom().item("ignored: no rule enrols employee " + change.employeeId());
        }
        if ("mentor".equals(rule.get().enrol())) {
            return Panache.withTransaction(() -> candidates.propose(source, change));
        }
        if (change.email() == null || change.name() == null) {
            throw DomainException.invalidInput(source + " sent no name or e-mail for employee " + change.employeeId()
                    + "; enrolment needs both (read them from the tool's API, or send them)");
        }
        String id = NewIds.next().toString();
        String cohortId = rule.get().cohortId();
        // A pseudonym, not the e-mail address: a subject stays in every log and read model, an erasure or not. The apprentice
        // links the subject they sign in with on first sign-in (POST /people/me/link).
        var command = new ApprenticeCommand.EnrollApprentice(id, Pseudonyms.of(id), rules.goals(), change.timezone() == null ? "UTC" : change.timezone(),
                cohortId, change.managerId(), now);
        Person person = Person.of(UUID.fromString(id), "apprentice", change.name(), change.email(), null);
        return Registration.register(person, command.subject(), () -> commands.loadInSession(cohorts, cohortId).chain(cohort -> {
            if (!cohort.exists()) {
                throw DomainException.notFound("Rule for employee " + change.employeeId() + " names cohort " + cohortId + ", which does not exist");
            }
            return commands.executeNew(apprentices, id, command, context, now);
        }).call(() -> SessionSql.update("insert into hr_people (source, employee_id, kind, person_id) values ($1, $2, 'apprentice', $3)",
                source, change.employeeId(), id))).replaceWith("enrolled apprentice " + id + " in cohort " + cohortId);
    }

    private Uni<String> updateApprentice(String apprenticeId, HrChange change, CommandContext context, Instant now) {
        var command = new ApprenticeCommand.UpdateApprentice(apprenticeId, null, change.timezone(), change.managerId(), now);
        return commands.load(apprentices, apprenticeId).chain(read -> read.state().status() != Apprentice.Status.ENROLLED
                ? Uni.createFrom().item("ignored: apprentice " + apprenticeId + " is out of the program")
                : updatePerson(apprenticeId, change, () -> commands.execute(apprentices, apprenticeId, command, context, now))
                        .replaceWith("updated apprentice " + apprenticeId));
    }

    private Uni<String> updateMentor(String mentorId, HrChange change, CommandContext context, Instant now) {
        var command = new MentorCommand.UpdateMentor(mentorId, null, null, change.timezone(), change.managerId(), null, null, now);
        return commands.load(mentors, mentorId).chain(read -> read.state().status() == Mentor.Status.OFFBOARDED
                ? Uni.createFrom().item("ignored: mentor " + mentorId + " was offboarded")
                : updatePerson(mentorId, change, () -> commands.execute(mentors, mentorId, command, context, now))
                        .replaceWith("updated mentor " + mentorId));
    }

    /** The person's name and e-mail as HR sends them, and the command, in one transaction. */
    private Uni<Void> updatePerson(String personId, HrChange change, Supplier<Uni<?>> command) {
        return commands.inTransaction(() -> Person.<Person>findById(UUID.fromString(personId)).chain(person -> {
            if (person != null && change.name() != null) {
                person.name = change.name();
            }
            if (person != null && change.email() != null) {
                person.email = change.email();
            }
            return command.get();
        })).onFailure(failure -> SqlErrors.violates(failure, Person.EMAIL_UNIQUE))
                .transform(failure -> DomainException.duplicate("Someone else is registered with the new e-mail of employee " + change.employeeId()))
                .replaceWithVoid();
    }

    /** Records the result, unless the claim it was worked out under has lapsed and another run holds the delivery now. */
    private static Uni<Void> finish(String source, String deliveryId, int attempts, String status, String error, String outcome) {
        return Panache.withSession(() -> SessionSql.update("update hr_deliveries set status = $3, last_error = $4, outcome = $5, processed_at = now()"
                + " where source = $1 and delivery_id = $2 and status = 'PROCESSING' and attempts = $6", source, deliveryId, status, error, outcome,
                attempts)).replaceWithVoid();
    }

    private static Uni<Void> retry(String source, String deliveryId, int attempts, Throwable failure) {
        long seconds = Math.min(LONGEST_BACK_OFF.toSeconds(), 5L * attempts * attempts);
        // The kind of failure only: its message may quote personal data (an e-mail in a constraint's detail).
        LOG.warnf("HR delivery %s/%s failed (attempt %d), tried again in %d s: %s", source, deliveryId, attempts, seconds,
                failure.getClass().getSimpleName());
        return Panache.withSession(() -> SessionSql.update("update hr_deliveries set status = 'RETRYING', last_error = $3,"
                + " next_attempt_at = now() + make_interval(secs => $4::float8) where source = $1 and delivery_id = $2 and status = 'PROCESSING'"
                + " and attempts = $5", source, deliveryId, failure.toString(), (double) seconds, attempts)).replaceWithVoid();
    }
}
