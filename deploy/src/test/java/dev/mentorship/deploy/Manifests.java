package dev.mentorship.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** deploy/k8s rendered as a cluster would receive it, one object per YAML document. */
final class Manifests {

    static final Path ROOT = Path.of("k8s").toAbsolutePath();
    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final ObjectMapper YAML = new YAMLMapper();

    private Manifests() {
    }

    private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

    /** {@code kubectl kustomize} of an overlay, as platform teams apply it; rendered once a test run (read, never changed). */
    static List<ObjectNode> overlay(String name) {
        return RENDERED.computeIfAbsent(name, overlay -> List.copyOf(render(ROOT.resolve("overlays").resolve(overlay))));
    }

    static List<ObjectNode> render(Path kustomization) {
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization.toString()).redirectErrorStream(false).start();
            byte[] out = kubectl.getInputStream().readAllBytes();
            String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: " + err);
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl is needed to render deploy/k8s (it is on the build machines)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A test fixture under src/test/resources. */
    static List<ObjectNode> fixture(String name) {
        try (InputStream in = Manifests.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObjectNode> parse(String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && document.isObject() && !document.isEmpty()) {
                    documents.add((ObjectNode) document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static String describe(JsonNode document) {
        return document.path("kind").asText() + " " + document.path("metadata").path("name").asText();
    }

    /** The repository's root: deploy/ is one of its modules. */
    static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("k8s")) ? here.getParent() : here;
    }
}
