package dev.mentorship.matching.person;

/**
 * Takes a SCIM user down to what the protocol needs to answer for it (its id as userName, whether it
 * is active): for a person erased or past their retention whom an identity provider still provisions.
 */
public final class ScimStrip {

    /** An update of {@code scim_users}; the caller adds the {@code where} clause. */
    public static final String SQL = "update scim_users set user_name = id::text, external_id = null, "
            + "resource = jsonb_build_object('schemas', jsonb_build_array('urn:ietf:params:scim:schemas:core:2.0:User'), "
            + "'userName', id::text, 'active', active)::text, version = version + 1, updated_at = now()";

    private ScimStrip() {
    }
}
