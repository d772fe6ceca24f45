package dev.mentorship.eventsourcing.background;

import java.time.Duration;

/** Exponential back-off for the background loops: 200 ms doubling up to 5 s, reset after a success. */
public final class Backoff {

    private static final Duration INITIAL = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(5);

    private Duration next = INITIAL;

    public void reset() {
        next = INITIAL;
    }

    /** Sleeps for the current delay and doubles it for next time; returns the delay slept. */
    public Duration pause() {
        Duration delay = next;
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        sleep(delay);
        return delay;
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
