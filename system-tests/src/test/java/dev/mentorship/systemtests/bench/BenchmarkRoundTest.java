package dev.mentorship.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The benchmark runs the cohort assignment in its own JVM, on system-tests' classpath, which takes
 * matching-service's classes without their Quarkus dependencies. A class the assignment starts to
 * need from elsewhere has to be on that classpath too, or {@code bin/platform bench} stops at its
 * first figure; this test runs on the same dependencies.
 */
class BenchmarkRoundTest {

    @Test
    void the_matching_round_figure_runs_on_the_benchmark_classpath() {
        Benchmark benchmark = new Benchmark();

        benchmark.matchingRound();

        assertThat(benchmark.results()).hasEntrySatisfying("0. matching round, 500 apprentices x 200 mentors",
                value -> assertThat(value).matches("\\d+\\.\\d+ s \\(\\d+ proposed, \\d+ unmatched\\)").doesNotStartWith("0.00 s (0 proposed"));
    }
}
