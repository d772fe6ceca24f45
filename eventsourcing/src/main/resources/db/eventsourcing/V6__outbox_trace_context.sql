-- The W3C traceparent current when the event was appended (null outside a recorded trace): the relay
-- publishes the event as that trace's child, so a command's trace reaches every consumer.
alter table outbox add column traceparent text;
alter table outbox_parked add column traceparent text;
