package dev.mentorship.progress.curriculum;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every published version of the catalogue, the newest being current. */
public record Curriculum(Map<Integer, Version> versions) {

    /** One published version. */
    public record Version(int version, List<Milestone> milestones, String publishedBy, Instant publishedAt) {
    }

    public static Curriculum initial() {
        return new Curriculum(Map.of());
    }

    public boolean exists() {
        return !versions.isEmpty();
    }

    public Optional<Version> current() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(new TreeMap<>(versions).lastKey()));
    }

    public Optional<Version> version(int version) {
        return Optional.ofNullable(versions.get(version));
    }

    Curriculum with(Version version) {
        Map<Integer, Version> all = new TreeMap<>(versions);
        all.put(version.version(), version);
        return new Curriculum(Map.copyOf(all));
    }
}
