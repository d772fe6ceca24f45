package dev.mentorship.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/platform}: {@code up [--detach]}, {@code down}, {@code status},
 * {@code token --role ROLE --subject SUBJECT}.
 */
public final class PlatformCommand {

    private PlatformCommand() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        String command = arguments.isEmpty() ? "help" : arguments.remove(0);
        Path root = Path.of(System.getProperty("platform.root", ".")).toAbsolutePath().normalize();
        switch (command) {
            case "up" -> up(root, arguments.contains("--detach"));
            case "down" -> new Platform(Platform.Settings.local(root, false)).down();
            case "status" -> new Platform(Platform.Settings.local(root, false)).status()
                    .forEach((name, state) -> System.out.printf("%-18s %s%n", name, state));
            case "token" -> System.out.println(DevTokens.mint(role(arguments), option(arguments, "--subject", "dev-user")));
            case "postgres-binaries" -> Postgres.prepareBinaries();
            case "postgres-server" -> postgresServer(Integer.parseInt(arguments.get(0)), Path.of(arguments.get(1)));
            default -> {
                System.err.println("usage: bin/platform up [--detach] | down | status | token --role ROLE --subject SUBJECT | bench");
                System.exit(command.equals("help") ? 0 : 2);
            }
        }
    }

    private static void up(Path root, boolean detach) throws InterruptedException {
        Platform platform = new Platform(Platform.Settings.local(root, !detach));
        CountDownLatch stopped = new CountDownLatch(1);
        if (!detach) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("\nStopping the platform...");
                platform.down();
                stopped.countDown();
            }, "platform-stop"));
        }
        long began = System.nanoTime();
        try {
            platform.up();
        } catch (IllegalStateException e) {
            // Start-up failures are the user's to act on (a port, a log to read): a sentence, not a trace.
            System.err.println("bin/platform: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("%nMentorship platform is up (%.1f s)%n", (System.nanoTime() - began) / 1e9);
        System.out.printf("  matching-service  %s   (Swagger UI: %<s/q/swagger-ui)%n", platform.serviceUrl(Platform.Service.MATCHING));
        System.out.printf("  progress-service  %s%n", platform.serviceUrl(Platform.Service.PROGRESS));
        System.out.printf("  feedback-service  %s%n", platform.serviceUrl(Platform.Service.FEEDBACK));
        System.out.printf("  kafka             %s%n", platform.kafkaBootstrap());
        Postgres postgres = platform.postgres();
        System.out.printf("  postgresql        %s (user %s, databases matching, progress, feedback)%n", postgres.address(), postgres.user());
        System.out.printf("  logs              %s%n", platform.settings().data().resolve("logs"));
        System.out.println(detach
                ? "Running in the background: bin/platform status | bin/platform down"
                : "Press Ctrl-C to stop everything.");
        if (!detach) {
            // Leave when stopped by a signal, or when everything was stopped from elsewhere (bin/platform down).
            while (!stopped.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
                if (platform.status().values().stream().allMatch("stopped"::equals)) {
                    System.exit(0);
                }
            }
        }
    }

    private static void postgresServer(int port, Path dataDir) throws InterruptedException {
        Postgres postgres = Postgres.start(port, dataDir, true);
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-stop"));
        new CountDownLatch(1).await();
    }

    /** A token for a role no service knows would be refused at every endpoint: say so now instead. */
    private static String role(List<String> arguments) {
        String role = option(arguments, "--role", null);
        if (!DevTokens.ROLES.contains(role)) {
            System.err.println("unknown role '" + role + "'; roles: " + roleList());
            System.exit(2);
        }
        return role;
    }

    private static String roleList() {
        return String.join(", ", new TreeSet<>(DevTokens.ROLES));
    }

    private static String option(List<String> arguments, String name, String fallback) {
        int index = arguments.indexOf(name);
        if (index >= 0 && index + 1 < arguments.size()) {
            return arguments.get(index + 1);
        }
        if (fallback == null) {
            System.err.println(name + " is required; roles: " + roleList());
            System.exit(2);
        }
        return fallback;
    }
}
