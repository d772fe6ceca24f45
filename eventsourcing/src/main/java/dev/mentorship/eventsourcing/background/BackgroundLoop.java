package dev.mentorship.eventsourcing.background;

/**
 * A daemon thread running one loop until the application stops. The loop polls {@link #running()}
 * and must wake on its own within a poll interval: stopping does not interrupt it, because an
 * interrupted JDBC wait or Kafka client logs spurious errors while closing.
 */
public final class BackgroundLoop {

    private final String name;
    private final Runnable body;
    private volatile boolean running;
    private Thread thread;

    public BackgroundLoop(String name, Runnable body) {
        this.name = name;
        this.body = body;
    }

    public void start() {
        running = true;
        thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    public boolean running() {
        return running;
    }

    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
