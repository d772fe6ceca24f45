package dev.mentorship.systemtests;

import java.nio.file.Path;

/** The project checkout the system tests run against (its packaged services and {@code bin/platform}). */
final class Checkout {

    private Checkout() {
    }

    /** Set by Maven to the project's root; the parent folder when a test is started by hand from the module. */
    static Path root() {
        return Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();
    }
}
