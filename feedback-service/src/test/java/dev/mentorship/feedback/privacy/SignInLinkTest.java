package dev.mentorship.feedback.privacy;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.Topics;
import dev.mentorship.feedback.Pairs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** feedback-service takes matching-service's sign-in links: the linked sign-in is the apprentice here too. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "feedback"))
class SignInLinkTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void a_linked_sign_in_is_the_pseudonymous_apprentice() {
        String apprenticeId = TestKafka.newId();
        String signIn = "kc-" + TestKafka.newId();
        Pairs.as("apprentice", signIn).get("/people/me/export").then().statusCode(200).body("subject", equalTo(signIn));
        TestKafka.publish(bootstrap, Topics.MATCHING, apprenticeId, TestKafka.cloudEvent(TestKafka.newId(),
                Contracts.APPRENTICE_SIGN_IN_LINKED.ceType(), "/matching-service", apprenticeId), "{\"apprenticeId\":\"" + apprenticeId
                + "\",\"apprenticeSubject\":\"hr:" + apprenticeId + "\",\"signInSubject\":\"" + signIn + "\",\"linkedAt\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Pairs.as("apprentice", signIn).get("/people/me/export").then().statusCode(200)
                .body("subject", equalTo("hr:" + apprenticeId)));
    }
}
