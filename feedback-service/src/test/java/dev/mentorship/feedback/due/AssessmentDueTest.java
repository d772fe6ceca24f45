package dev.mentorship.feedback.due;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.EventSchemas;
import dev.mentorship.events.Topics;
import dev.mentorship.feedback.Pairs;
import dev.mentorship.feedback.Pairs.Pair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "feedback"))
class AssessmentDueTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AssessmentDueJob job;

    private final Pair pair = Pair.random(TestKafka.newId());

    @Test
    void each_four_weeks_after_the_start_an_assessment_is_due_once_whatever_the_restarts_and_instances() throws Exception {
        Instant since = Instant.now();
        Pairs.started(bootstrap, pair);
        Instant started = Instant.now();

        sweep(started.plus(Duration.ofDays(27)));
        assertThat(due(since, 0)).isEmpty();
        sweep(started.plus(Duration.ofDays(29)));
        assertThat(due(since, 1)).containsExactly(1);
        // Again, as after a restart, which keeps nothing but the log: nothing new.
        sweep(started.plus(Duration.ofDays(29)));
        assertThat(due(since, 1)).containsExactly(1);

        // Four weeks on, this instance and another sweep at once: the other finds the lease held, and the period is announced once.
        Instant later = started.plus(Duration.ofDays(57));
        CompletableFuture<Integer> mine = CompletableFuture.supplyAsync(() -> sweep(later));
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> sweep(later, "another-instance"));
        CompletableFuture.allOf(mine, other).join();
        assertThat(other.join()).isZero();
        assertThat(due(since, 2)).containsExactly(1, 2);

        // An ended match is due nothing more.
        Pairs.ended(bootstrap, pair);
        sweep(started.plus(Duration.ofDays(120)));
        assertThat(due(since, 2)).containsExactly(1, 2);
    }

    private int sweep(Instant at) {
        return sweep(at, null);
    }

    private int sweep(Instant at, String holder) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> holder == null ? job.sweep(at) : job.sweep(at, holder));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The periods of the SafetyAssessmentDue events published for the match, in order, once {@code expected} of them are on the
     * topic and stay so for a second: the relay publishes after commit, and one too many would show within that second.
     */
    private List<Integer> due(Instant since, int expected) {
        return await().atMost(Duration.ofSeconds(15)).during(Duration.ofSeconds(1)).until(() -> due(since), periods -> periods.size() == expected);
    }

    private List<Integer> due(Instant since) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Integer> periods = new ArrayList<>();
        for (var record : TestKafka.readSince(bootstrap, Topics.FEEDBACK, since, Duration.ofSeconds(1))) {
            if (pair.matchId().equals(record.key()) && Contracts.SAFETY_ASSESSMENT_DUE.ceType().equals(TestKafka.header(record, "ce_type"))) {
                assertThat(EventSchemas.validate(Contracts.SAFETY_ASSESSMENT_DUE, json.readTree(record.value()))).isEmpty();
                periods.add(json.readTree(record.value()).path("period").asInt());
            }
        }
        return periods;
    }
}
