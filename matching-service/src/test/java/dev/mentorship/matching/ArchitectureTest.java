package dev.mentorship.matching;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.matching.apprentice.ApprenticeDecider;
import dev.mentorship.matching.apprentice.ApprenticeEvent;
import dev.mentorship.matching.cohort.CohortDecider;
import dev.mentorship.matching.cohort.CohortEvent;
import dev.mentorship.matching.match.MatchDecider;
import dev.mentorship.matching.match.MatchEvent;
import dev.mentorship.matching.mentor.MentorDecider;
import dev.mentorship.matching.mentor.MentorEvent;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The design rules, as tests: they fail the build when someone breaks them. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mentorship.matching");

    @Test
    void deciders_events_commands_and_state_are_plain_java() {
        noClasses().that().haveSimpleNameEndingWith("Decider")
                .or().haveSimpleNameEndingWith("Event").or().haveSimpleNameEndingWith("Command")
                .or().haveSimpleName("Match").or().haveSimpleName("Mentor").or().haveSimpleName("Apprentice")
                .or().haveSimpleName("Cohort").or().haveSimpleName("Party")
                .or().areNestedClasses().and().resideInAPackage("..matching..")
                .and().haveSimpleNameNotEndingWith("Request").and().haveSimpleNameNotEndingWith("View")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "jakarta..",
                        "com.fasterxml..", "org.hibernate..", "io.vertx..")
                .check(CLASSES);
    }

    @Test
    void matching_does_not_depend_on_the_other_services() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.mentorship.progress..", "dev.mentorship.feedback..")
                .check(CLASSES);
    }

    /** Java 17 cannot check a switch over a sealed type; this walks every permitted event instead. */
    @Test
    void every_event_is_handled_by_its_evolve() {
        Map<Class<?>, Decider<?, ?, ?>> deciders = Map.of(
                MatchEvent.class, new MatchDecider(),
                dev.mentorship.matching.round.RoundEvent.class, new dev.mentorship.matching.round.RoundDecider(),
                MentorEvent.class, new MentorDecider(),
                ApprenticeEvent.class, new ApprenticeDecider(),
                CohortEvent.class, new CohortDecider());
        deciders.forEach((sealed, decider) -> {
            assertThat(sealed.isSealed()).as(sealed.getName()).isTrue();
            for (Class<?> event : sealed.getPermittedSubclasses()) {
                Object instance = sample(event);
                assertThatCode(() -> evolve(decider, instance)).as(event.getName()).doesNotThrowAnyException();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <S, E> void evolve(Decider<?, E, S> decider, Object event) {
        decider.evolve(decider.initialState(), (E) event);
    }

    private static Object sample(Class<?> record) {
        try {
            RecordComponent[] components = record.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = defaultFor(types[i]);
            }
            return record.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object defaultFor(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == java.util.List.class) {
            return java.util.List.of();
        }
        if (type == java.util.Set.class) {
            return java.util.Set.of();
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        return null;
    }
}
