package dev.mentorship.eventsourcing.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command's trace carried with its events through the outbox and Kafka into each consumer's inbox
 * transaction, as W3C trace context: the traceparent current when an event is appended is stored with
 * its outbox row; the relay publishes it under a producer span whose own context goes out as the
 * CloudEvents distributed-tracing extension ({@code ce_traceparent}); a consumer's inbox stores the
 * event under a consumer span that is the producer span's child. So one trace shows a match accepted
 * in matching-service and applied in progress-service. With OpenTelemetry off (the SDK disabled) there
 * is no current trace, nothing is stored and no span is made.
 */
@ApplicationScoped
public class Traces {

    /** The CloudEvents distributed-tracing extension attribute. */
    public static final String TRACEPARENT = "traceparent";
    private static final Pattern W3C = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private final Tracer tracer;

    public Traces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The current span's traceparent ({@code 00-<trace id>-<span id>-<flags>}), or null outside a recorded trace. */
    public static String current() {
        return traceparent(Span.current().getSpanContext());
    }

    /** A span's traceparent, or null for an invalid (not recording) one. */
    public static String traceparent(SpanContext context) {
        return context.isValid() ? "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex() : null;
    }

    /** The remote parent a traceparent names, or the root context when there is none or it cannot be read. */
    static Context parent(String traceparent) {
        Matcher matcher = traceparent == null ? null : W3C.matcher(traceparent.strip());
        if (matcher == null || !matcher.matches()) {
            return Context.root();
        }
        SpanContext remote = SpanContext.createFromRemoteParent(matcher.group(1), matcher.group(2), TraceFlags.fromHex(matcher.group(3), 0),
                TraceState.getDefault());
        return remote.isValid() ? Context.root().with(Span.wrap(remote)) : Context.root();
    }

    /** The span of publishing an event, the child of the span that appended it; end it once sent. */
    public Span publishing(String topic, String eventType, String eventId, String appendedUnder) {
        return tracer.spanBuilder(topic + " publish").setParent(parent(appendedUnder)).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", topic).setAttribute("messaging.message.id", eventId)
                .setAttribute("cloudevents.event_type", eventType).startSpan();
    }

    /** The span of storing a consumed event in the inbox transaction, the child of the span that published it. */
    public Span consuming(String topic, String eventType, String eventId, String publishedUnder) {
        return tracer.spanBuilder(topic + " process").setParent(parent(publishedUnder)).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic).setAttribute("messaging.message.id", eventId)
                .setAttribute("cloudevents.event_type", eventType).startSpan();
    }

    /** Ends a consuming span with the outcome of its transaction. */
    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
