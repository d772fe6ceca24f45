package dev.mentorship.matching.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A provisioned user as stored: the kept resource, its version (the ETag) and when it was created and last changed. */
record ScimUserRow(String id, ObjectNode resource, int version, Instant created, Instant updated) {
}
