package dev.mentorship.feedback.questionnaire;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.eventsourcing.decider.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The questionnaires the service ships ({@code src/main/resources/questionnaires}, listed in its
 * {@code index.json}), by id and version; the highest version of each is current and the only one
 * answered.
 */
@ApplicationScoped
public class Questionnaires {

    private record Index(List<String> files) {
    }

    private final Map<String, TreeMap<Integer, Questionnaire>> byId;

    public Questionnaires(ObjectMapper json) {
        this.byId = load(json).stream().collect(Collectors.groupingBy(Questionnaire::id,
                Collectors.toMap(Questionnaire::version, questionnaire -> questionnaire, (a, b) -> a, TreeMap::new)));
    }

    public Optional<Questionnaire> current(String id) {
        return Optional.ofNullable(byId.get(id)).map(TreeMap::lastEntry).map(Map.Entry::getValue);
    }

    public Optional<Questionnaire> version(String id, int version) {
        return Optional.ofNullable(byId.get(id)).map(versions -> versions.get(version));
    }

    /** The questionnaire an answer names: 404 for an unknown id, 422 for a version that is not the current one. */
    public Questionnaire answerable(String id, int version) {
        Questionnaire current = current(id).orElseThrow(() -> DomainException.invalidInput("No questionnaire " + id
                + "; there are " + String.join(", ", byId.keySet())));
        if (current.version() != version) {
            throw DomainException.ruleViolated("Questionnaire " + id + " is answered in its current version, " + current.version()
                    + (version(id, version).isPresent() ? "; version " + version + " is retired" : "; there is no version " + version));
        }
        return current;
    }

    private static List<Questionnaire> load(ObjectMapper json) {
        try (InputStream index = resource("questionnaires/index.json")) {
            return json.readValue(index, Index.class).files().stream().map(file -> {
                try (InputStream in = resource("questionnaires/" + file)) {
                    return json.readValue(in, Questionnaire.class);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read questionnaire " + file, e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read questionnaires/index.json", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Questionnaires.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the service");
        }
        return in;
    }
}
