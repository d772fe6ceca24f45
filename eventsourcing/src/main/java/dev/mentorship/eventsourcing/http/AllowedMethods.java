package dev.mentorship.eventsourcing.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The methods each address of the service's REST resources takes, for the {@code Allow} header a
 * 405 must carry (RFC 9110, 15.5.6). The REST layer refuses the method without saying which it
 * would take. Read once from the resource classes' annotations; {@code HEAD} comes with {@code GET}
 * and {@code OPTIONS} with every address, as the REST layer answers both.
 */
@ApplicationScoped
public class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    private final BeanManager beans;
    private volatile Map<Pattern, Set<String>> addresses;

    public AllowedMethods(BeanManager beans) {
        this.beans = beans;
    }

    /** The methods {@code path} takes, in order, if a resource has that address. */
    public Optional<Set<String>> at(String path) {
        Set<String> methods = new TreeSet<>();
        String normalised = "/" + path.replaceAll("^/+|/+$", "");
        addresses().forEach((address, taken) -> {
            if (address.matcher(normalised).matches()) {
                methods.addAll(taken);
            }
        });
        if (methods.isEmpty()) {
            return Optional.empty();
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return Optional.of(methods);
    }

    private Map<Pattern, Set<String>> addresses() {
        if (addresses == null) {
            Map<String, Set<String>> byTemplate = new LinkedHashMap<>();
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                Path root = bean.getBeanClass().getAnnotation(Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : bean.getBeanClass().getMethods()) {
                    httpMethod(method).ifPresent(http -> {
                        Path sub = method.getAnnotation(Path.class);
                        byTemplate.computeIfAbsent(root.value() + "/" + (sub == null ? "" : sub.value()), template -> new TreeSet<>()).add(http);
                    });
                }
            }
            Map<Pattern, Set<String>> compiled = new LinkedHashMap<>();
            byTemplate.forEach((template, methods) -> compiled.put(pattern(template), methods));
            addresses = compiled;
        }
        return addresses;
    }

    private static Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return Optional.of(http.value());
            }
        }
        return Optional.empty();
    }

    /** A path template ({@code /cohorts/{id}}, {@code /x/{n: \d+}}) as a pattern over a whole path. */
    static Pattern pattern(String template) {
        List<String> parts = new ArrayList<>();
        for (String segment : template.split("/+")) {
            if (segment.isEmpty()) {
                continue;
            }
            StringBuilder part = new StringBuilder();
            Matcher parameter = PARAMETER.matcher(segment);
            int last = 0;
            while (parameter.find()) {
                part.append(Pattern.quote(segment.substring(last, parameter.start())));
                part.append(parameter.group(1) == null ? "[^/]+" : "(?:" + parameter.group(1).trim() + ")");
                last = parameter.end();
            }
            part.append(Pattern.quote(segment.substring(last)));
            parts.add(part.toString());
        }
        return Pattern.compile("/" + String.join("/", parts));
    }
}
