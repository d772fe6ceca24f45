package dev.mentorship.matching.scim;

/**
 * A SCIM request refused, answered as a SCIM error (RFC 7644, 3.12): {@code scimType} is one of the
 * RFC's (invalidFilter, uniqueness, invalidSyntax, invalidPath, noTarget, invalidValue, mutability...)
 * or null.
 */
public class ScimException extends RuntimeException {

    private final int status;
    private final String scimType;

    public ScimException(int status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    public static ScimException invalidValue(String detail) {
        return new ScimException(400, "invalidValue", detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return new ScimException(400, "invalidSyntax", detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }
}
