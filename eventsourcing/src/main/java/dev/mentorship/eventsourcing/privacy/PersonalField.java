package dev.mentorship.eventsourcing.privacy;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A top-level field of an event's JSON payload that is stored encrypted under the data key {@code keyId}. */
public record PersonalField(String field, String keyId) {

    private static final Map<Class<?>, List<Keyed>> COMPONENTS = new ConcurrentHashMap<>();

    private record Keyed(RecordComponent personal, RecordComponent key) {
    }

    /** The personal fields of a domain event record, each with the key its {@link Personal#keyedBy} component names. */
    public static List<PersonalField> of(Object event) {
        List<Keyed> components = COMPONENTS.computeIfAbsent(event.getClass(), PersonalField::components);
        if (components.isEmpty()) {
            return List.of();
        }
        List<PersonalField> fields = new ArrayList<>(components.size());
        for (Keyed keyed : components) {
            Object key = value(keyed.key(), event);
            if (key == null || key.toString().isBlank()) {
                throw new IllegalStateException(event.getClass().getSimpleName() + "." + keyed.personal().getName()
                        + " is personal, and its key's component " + keyed.key().getName() + " is empty");
            }
            fields.add(new PersonalField(keyed.personal().getName(), key.toString()));
        }
        return List.copyOf(fields);
    }

    private static List<Keyed> components(Class<?> type) {
        if (!type.isRecord()) {
            return List.of();
        }
        RecordComponent[] all = type.getRecordComponents();
        List<Keyed> keyed = new ArrayList<>();
        for (RecordComponent component : all) {
            Personal personal = component.getAnnotation(Personal.class);
            if (personal == null) {
                continue;
            }
            RecordComponent key = null;
            for (RecordComponent candidate : all) {
                if (candidate.getName().equals(personal.keyedBy())) {
                    key = candidate;
                }
            }
            if (key == null || key.getAnnotation(Personal.class) != null) {
                throw new IllegalStateException(type.getName() + "." + component.getName() + " is keyed by "
                        + personal.keyedBy() + ", which is not a plain component of the record");
            }
            keyed.add(new Keyed(component, key));
        }
        return List.copyOf(keyed);
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component, e);
        }
    }
}
