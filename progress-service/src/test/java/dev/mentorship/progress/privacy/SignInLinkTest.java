package dev.mentorship.progress.privacy;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.Topics;
import dev.mentorship.progress.Journeys;
import dev.mentorship.progress.Journeys.Pair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An apprentice enrolled from an HR tool carries a pseudonymous subject; once matching-service
 * reports that their sign-in is linked to it, the subject they sign in with acts as the apprentice
 * here too, and an erasure of the apprentice takes the link away.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "progress"))
class SignInLinkTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void a_linked_sign_in_acts_as_the_pseudonymous_apprentice_until_the_apprentice_is_erased() {
        String apprenticeId = TestKafka.newId();
        Pair pseudonymous = new Pair(apprenticeId, "hr:" + apprenticeId, TestKafka.newId(), TestKafka.newId(), TestKafka.newId(),
                "m-" + TestKafka.newId());
        Journeys.shippedCatalogueCurrent();
        Journeys.matched(bootstrap, pseudonymous, Instant.now().minus(Duration.ofDays(3)), Instant.now().minus(Duration.ofDays(2)));
        String signIn = "kc-" + TestKafka.newId();
        Journeys.as("apprentice", signIn).get(pseudonymous.path("/progress")).then().statusCode(403);

        TestKafka.publish(bootstrap, Topics.MATCHING, apprenticeId, TestKafka.cloudEvent(TestKafka.newId(),
                Contracts.APPRENTICE_SIGN_IN_LINKED.ceType(), "/matching-service", apprenticeId), "{\"apprenticeId\":\"" + apprenticeId
                + "\",\"apprenticeSubject\":\"hr:" + apprenticeId + "\",\"signInSubject\":\"" + signIn + "\",\"linkedAt\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Journeys.as("apprentice", signIn).get(pseudonymous.path("/progress"))
                .then().statusCode(200).body("apprenticeId", equalTo(apprenticeId)));
        // Someone else signing in is still no one here.
        Journeys.as("apprentice", "kc-" + TestKafka.newId()).get(pseudonymous.path("/progress")).then().statusCode(403);

        String erasureId = TestKafka.newId();
        TestKafka.publish(bootstrap, Topics.MATCHING, erasureId, TestKafka.cloudEvent(TestKafka.newId(), Contracts.PERSON_ERASURE_REQUESTED.ceType(),
                "/matching-service", erasureId), "{\"erasureId\":\"" + erasureId + "\",\"personSubject\":\"hr:" + apprenticeId
                + "\",\"requestedAt\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Journeys.as("apprentice", signIn).get(pseudonymous.path("/progress"))
                .then().statusCode(403));
    }
}
