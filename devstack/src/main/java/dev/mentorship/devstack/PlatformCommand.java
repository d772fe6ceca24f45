package dev.mentorship.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/platform}: {@code up [--detach] [--keycloak]}, {@code down}, {@code status},
 * {@code token --role ROLE --subject SUBJECT [--email ADDRESS]}.
 */
public final class PlatformCommand {

    private PlatformCommand() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        String command = arguments.isEmpty() ? "help" : arguments.remove(0);
        Path root = Path.of(System.getProperty("platform.root", ".")).toAbsolutePath().normalize();
        switch (command) {
            case "up" -> up(root, arguments.contains("--detach"), arguments.contains("--keycloak"));
            case "down" -> new Platform(Platform.Settings.local(root, false)).down();
            case "status" -> new Platform(Platform.Settings.local(root, false)).status()
                    .forEach((name, state) -> System.out.printf("%-18s %s%n", name, state));
            case "token" -> System.out.println(arguments.contains("--email")
                    ? DevTokens.mintWithEmail(role(arguments), subject(arguments), option(arguments, "--email", null), true)
                    : DevTokens.mint(role(arguments), subject(arguments)));
            case "webhook-secret" -> webhookSecret(root, arguments);
            case "postgres-binaries" -> Postgres.prepareBinaries();
            case "postgres-server" -> postgresServer(Integer.parseInt(arguments.get(0)), Path.of(arguments.get(1)));
            default -> {
                System.err.println("usage: bin/platform up [--detach] [--keycloak] | down | status | token --role ROLE --subject SUBJECT [--email ADDRESS]"
                        + " | webhook-secret SOURCE | bench");
                System.exit(command.equals("help") ? 0 : 2);
            }
        }
    }

    /** The local platform's secret for an HR source, to sign a test delivery with (docs/integrations.md). */
    private static void webhookSecret(Path root, List<String> arguments) {
        if (arguments.size() != 1 || !WebhookSecrets.SOURCES.contains(arguments.getFirst())) {
            System.err.println("usage: bin/platform webhook-secret " + String.join("|", WebhookSecrets.SOURCES));
            System.exit(2);
        }
        System.out.println(WebhookSecrets.in(Platform.Settings.local(root, false).data()).secret(arguments.getFirst()));
    }

    private static void up(Path root, boolean detach, boolean keycloak) throws InterruptedException {
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
            if (keycloak) {
                // Before the services, which then check its tokens.
                platform.ensurePostgres();
                platform.ensureKeycloak();
            }
            platform.up();
        } catch (IllegalStateException e) {
            // Start-up failures are the user's to act on (a port, a log to read): a sentence, not a trace.
            System.err.println("bin/platform: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("%nMentorship platform is up (%.1f s)%n", (System.nanoTime() - began) / 1e9);
        for (Platform.Service service : Platform.Service.values()) {
            System.out.printf("  %-17s %s  management %s%s%n", service.module, platform.serviceUrl(service), platform.managementUrl(service),
                    service == Platform.Service.MATCHING ? "   (Swagger UI: " + platform.serviceUrl(service) + "/q/swagger-ui)" : "");
        }
        System.out.println("  (management: readiness at /q/health/ready, Prometheus metrics at /q/metrics)");
        System.out.printf("  kafka             %s%n", platform.kafkaBootstrap());
        Postgres postgres = platform.postgres();
        System.out.printf("  postgresql        %s (user %s, databases matching, progress, feedback)%n", postgres.address(), postgres.user());
        platform.keycloakPort().ifPresent(port -> {
            System.out.printf("  keycloak          %s  (admin console: admin / %s)%n", Keycloak.issuer(port), Keycloak.PASSWORD);
            System.out.printf("  tokens            curl -s %s/protocol/openid-connect/token -d grant_type=password -d client_id=%s"
                    + " -d username=office -d password=%s   (users: %s)%n", Keycloak.issuer(port), Keycloak.CLIENT, Keycloak.PASSWORD,
                    String.join(", ", new TreeSet<>(Keycloak.USERS.values())));
        });
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

    /**
     * The process that keeps the platform's PostgreSQL server: starts it, or takes over one that
     * outlived an earlier keeper (killed with SIGKILL) so that the services stay connected; stops it
     * when stopped itself; and exits when the server goes away without it (killed, crashed), so that
     * {@code status} says stopped and {@code up} starts it again.
     */
    private static void postgresServer(int port, Path dataDir) {
        Optional<Postgres.Postmaster> outlived = Postgres.Postmaster.of(dataDir);
        if (outlived.isPresent() && outlived.get().port() != port) {
            System.out.println("Stopping PostgreSQL left running on port " + outlived.get().port() + " (pid " + outlived.get().process().pid() + ")");
            outlived.get().stop();
            outlived = Optional.empty();
        }
        Runnable stop;
        if (outlived.isPresent()) {
            System.out.println("Taking over PostgreSQL already running on this data (pid " + outlived.get().process().pid() + ")");
            stop = outlived.get()::stop;
        } else {
            stop = Postgres.start(port, dataDir, true)::close;
        }
        ProcessHandle server = Postgres.Postmaster.of(dataDir).orElseThrow(() -> new IllegalStateException("PostgreSQL is not running")).process();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            try {
                stop.run();
            } catch (RuntimeException e) {
                System.err.println("Stopping PostgreSQL: " + e);
            }
        }, "postgres-stop"));
        server.onExit().join();
        if (!stopping.get()) {
            System.err.println("PostgreSQL (pid " + server.pid() + ") exited on its own; bin/platform up starts it again");
            System.exit(1);
        }
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

    /** The services refuse a token whose subject is blank or longer than OpenID Connect allows (255). */
    private static String subject(List<String> arguments) {
        String subject = option(arguments, "--subject", "dev-user");
        if (subject.isBlank() || subject.length() > 255) {
            System.err.println("--subject must be 1 to 255 characters and not blank: the services refuse a token that names no one");
            System.exit(2);
        }
        return subject;
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
