package dev.mentorship.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the three services and of the kernel says who may call it: {@code @RolesAllowed}
 * (or {@code @DenyAll}) on the method or its class, or {@code @PermitAll} with a comment saying why.
 */
class EndpointSecurityTest {

    private static final List<String> HTTP_METHODS = Stream.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
            .map(name -> "jakarta.ws.rs." + name).toList();
    private static final List<String> DECLARATIONS = List.of("jakarta.annotation.security.RolesAllowed",
            "jakarta.annotation.security.DenyAll", "jakarta.annotation.security.PermitAll");
    private static final Path ROOT = Checkout.root();

    @Test
    void every_endpoint_declares_who_may_call_it() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mentorship");
        Map<String, Integer> endpointsPerModule = new TreeMap<>();
        List<String> undeclared = new ArrayList<>();
        for (JavaClass type : classes) {
            for (JavaMethod method : type.getMethods()) {
                if (HTTP_METHODS.stream().noneMatch(method::isAnnotatedWith)) {
                    continue;
                }
                endpointsPerModule.merge(type.getPackageName().split("\\.")[2], 1, Integer::sum);
                if (DECLARATIONS.stream().noneMatch(annotation -> method.isAnnotatedWith(annotation) || type.isAnnotatedWith(annotation))) {
                    undeclared.add(type.getName() + "." + method.getName());
                }
            }
        }
        // The services' classes are on this module's class path; an empty scan would prove nothing.
        assertThat(endpointsPerModule).containsKeys("matching", "progress", "feedback", "eventsourcing");
        assertThat(undeclared).as("endpoints without @RolesAllowed, @DenyAll or @PermitAll").isEmpty();
    }

    @Test
    void every_permit_all_says_why() throws IOException {
        List<String> unexplained = new ArrayList<>();
        for (String module : List.of("eventsourcing", "matching-service", "progress-service", "feedback-service")) {
            try (Stream<Path> sources = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(source);
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).strip().startsWith("@PermitAll") && !commentAbove(lines, i)) {
                            unexplained.add(ROOT.relativize(source) + ":" + (i + 1));
                        }
                    }
                }
            }
        }
        assertThat(unexplained).as("@PermitAll without a comment above it").isEmpty();
    }

    /** A comment ends on one of the lines just above, past other annotations. */
    private static boolean commentAbove(List<String> lines, int annotation) {
        for (int i = annotation - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.startsWith("//") || line.endsWith("*/")) {
                return true;
            }
            if (!line.startsWith("@")) {
                return false;
            }
        }
        return false;
    }
}
