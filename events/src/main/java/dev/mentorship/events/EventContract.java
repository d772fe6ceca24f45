package dev.mentorship.events;

/**
 * One published event type at one version.
 *
 * @param service the publishing service's short name ({@code matching}, {@code progress}, {@code feedback})
 * @param name    the event name, past tense ({@code MatchStarted})
 * @param version the schema version
 * @param type    the Java record that carries it
 */
public record EventContract(String service, String name, int version, Class<? extends IntegrationEvent> type) {

    /** CloudEvents {@code type}: {@code mentorship.<service>.<EventName>.v<N>}. */
    public String ceType() {
        return "mentorship." + service + "." + name + ".v" + version;
    }

    /** CloudEvents {@code source}: the publishing service. */
    public String ceSource() {
        return "/" + service + "-service";
    }

    /** The Kafka topic every event of the publishing service goes to. */
    public String topic() {
        return Topics.of(service);
    }

    /** Class-path location of the JSON Schema for this type and version. */
    public String schemaResource() {
        return "schemas/" + ceType() + ".json";
    }
}
