package dev.mentorship.systemtests.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/** Calls {@code send} with 0, 1, 2, ... at a steady rate, from a thread of its own, until stopped. */
final class Pacer {

    private final Thread thread;
    private volatile boolean stopping;

    Pacer(String name, double rate, LongConsumer send) {
        long start = System.nanoTime();
        thread = new Thread(() -> {
            for (long i = 0; !stopping; i++) {
                long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                send.accept(i);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns once the last {@code send} has returned. */
    void stop() throws InterruptedException {
        stopping = true;
        thread.join();
    }
}
