package dev.mentorship.devstack;

import java.util.Arrays;

/**
 * Runs another main class and exits when the given parent process dies, so a child broker never
 * outlives the test JVM or launcher that started it, even one killed with SIGKILL.
 * Usage: {@code ParentWatch <parent-pid> <main-class> [args...]}.
 */
public final class ParentWatch {

    private ParentWatch() {
    }

    public static void main(String[] args) throws Exception {
        long parent = Long.parseLong(args[0]);
        ProcessHandle.of(parent).ifPresentOrElse(
                handle -> handle.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
        Class.forName(args[1]).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
