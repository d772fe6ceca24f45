package dev.mentorship.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mentorship.devstack.PlatformTestResource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * Commands, projection steps and lag counts must not add a Hibernate query plan per execution. A
 * Hibernate Reactive native select does exactly that (its result mapping has no equals), and the
 * cache then fills with same-hash entries that every lookup walks: before the kernel moved its SQL to
 * {@code SessionSql}, 60 commands added over a thousand plans and this was the largest single CPU cost
 * of a command.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class QueryPlanReuseTest {

    @Test
    void repeated_commands_and_projection_steps_reuse_their_query_plans() {
        for (int i = 0; i < 10; i++) {
            Api.cohort();
        }
        int before = settledPlanCount();

        for (int i = 0; i < 60; i++) {
            Api.cohort();
        }
        int after = settledPlanCount();

        // 60 commands, each read, appended and projected by several projectors: with a plan per call
        // the count would grow by hundreds. A handful of new plans (a query shape not seen before) is fine.
        assertThat(after - before).as("query plans added by 60 more commands").isLessThan(10);
        // Other test classes share this application: a plan per execution would have filled the cache
        // (2,048 plans by default) long before, and then the difference above would be zero.
        assertThat(after).as("query plans in the cache").isLessThan(500);
    }

    /**
     * The plan count once the projectors and the relay have caught up: the same on two reads half a
     * second apart. With a plan per execution the idle projector's polls alone keep it growing.
     */
    private static int settledPlanCount() {
        AtomicInteger last = new AtomicInteger(-1);
        await().pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(15))
                .until(() -> last.getAndSet(cachedPlans()) == last.get());
        return last.get();
    }

    private static int cachedPlans() throws ReflectiveOperationException {
        Object factory = ClientProxy.unwrap(Arc.container().instance(Mutiny.SessionFactory.class).get());
        Field delegate = factory.getClass().getDeclaredField("delegate");
        delegate.setAccessible(true);
        SessionFactoryImplementor implementor = (SessionFactoryImplementor) delegate.get(factory);
        return implementor.getQueryEngine().getInterpretationCache().getNumberOfCachedQueryPlans();
    }
}
