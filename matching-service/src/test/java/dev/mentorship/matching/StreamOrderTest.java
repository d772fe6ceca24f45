package dev.mentorship.matching;

import static dev.mentorship.matching.Api.as;
import static dev.mentorship.matching.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.matching.match.EndReason;
import dev.mentorship.matching.match.Match;
import dev.mentorship.matching.match.MatchCommand;
import dev.mentorship.matching.match.MatchEvent;
import dev.mentorship.matching.mentor.Mentor;
import dev.mentorship.matching.mentor.MentorCommand;
import dev.mentorship.matching.mentor.MentorEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A transaction that appends to one stream and then reads and appends to another (pausing a mentor
 * ends their proposals; a withdrawal ends the apprentice's matches) holds an older transaction id
 * than a command that commits on the second stream meanwhile. Read in (transaction, position) order,
 * its event would come before the version it follows. The store refuses that append and the kernel
 * runs the transaction again, so the directory applies the match's events in version order, live and
 * after a rebuild.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class StreamOrderTest {

    @Inject
    CommandHandler commands;

    @Inject
    Aggregate<MentorCommand, MentorEvent, Mentor> mentors;

    @Inject
    Aggregate<MatchCommand, MatchEvent, Match> matches;

    @Inject
    AgroalDataSource jdbc;

    @Test
    void an_end_appended_by_an_older_transaction_after_a_newer_start_is_still_projected_after_it() throws Exception {
        String mentorSubject = unique("jedi");
        String apprenticeSubject = unique("padawan");
        String mentorId = Api.mentor(mentorSubject);
        String apprenticeId = Api.apprentice(apprenticeSubject, Api.cohort());
        String matchId = Api.match(mentorId, apprenticeId);
        as("mentor", mentorSubject).post("/matches/" + matchId + "/accept").then().statusCode(200);

        // The first transaction writes to the mentor's stream (taking its transaction id), then waits
        // while the apprentice's acceptance starts the match and commits, then ends the match.
        CompletableFuture<Void> firstWrite = new CompletableFuture<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        AtomicInteger attempts = new AtomicInteger();
        CommandContext context = CommandContext.of("office-1", unique("correlation"));
        Instant now = Instant.now();
        CompletableFuture<Versioned<Match>> ended = new CompletableFuture<>();
        VertxContextSupport.subscribe(() -> commands.inTransaction(() -> commands.execute(mentors, mentorId,
                                new MentorCommand.ChangeCapacity(mentorId, 3 + attempts.incrementAndGet(), now), context, now)
                        .invoke(() -> firstWrite.complete(null))
                        .chain(() -> resumedOnThisContext(started))
                        .chain(() -> commands.execute(matches, matchId,
                                new MatchCommand.EndMatch(matchId, EndReason.ENDED_BY_PROGRAM_OFFICE, "mentor paused", now), context, now)))
                .toMulti(), subscription -> subscription.with(ended::complete, ended::completeExceptionally));

        firstWrite.get(30, TimeUnit.SECONDS);
        as("apprentice", apprenticeSubject).post("/matches/" + matchId + "/accept").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("STARTED"));
        started.complete(null);

        Versioned<Match> result = ended.get(30, TimeUnit.SECONDS);
        assertThat(result.state().status()).isEqualTo(Match.Status.ENDED);
        assertThat(attempts.get()).as("the first attempt was refused and run again").isEqualTo(2);
        assertThat(transactionsByVersion(matchId)).as("transaction ids of match-%s by version", matchId).isSorted();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(directoryStatus(matchId)).isEqualTo("ENDED"));

        as("admin", "admin-1").post("/admin/projections/directory/rebuild").then().statusCode(202);
        // The rebuild empties the directory before it answers, so ENDED here is the replay's.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(directoryStatus(matchId)).isEqualTo("ENDED"));
    }

    /** Waits for {@code signal} and carries on on the caller's Vert.x context, where the reactive session lives. */
    private static Uni<Void> resumedOnThisContext(CompletableFuture<Void> signal) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return Uni.createFrom().completionStage(signal).emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private List<Long> transactionsByVersion(String matchId) throws Exception {
        try (Connection connection = jdbc.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select transaction_id::text from events where stream_id = ? order by version")) {
            query.setString(1, matches.streamId(matchId));
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(Long.parseLong(rows.getString(1)));
                }
            }
            return ids;
        }
    }

    private String directoryStatus(String matchId) throws Exception {
        try (Connection connection = jdbc.getConnection();
                PreparedStatement query = connection.prepareStatement("select status from match_records where match_id = ?")) {
            query.setString(1, matchId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
