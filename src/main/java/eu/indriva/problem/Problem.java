package eu.indriva.problem;

/**
 * A request that cannot be done, in words a person can act on: what is wrong and how to fix it,
 * never a stack trace. Domain code (tenants, transfers, recalls, dead letters) throws it without
 * knowing about HTTP; the web layer ({@code api/ApiErrors}) turns the {@link Kind} into a status and
 * the problem into {"error", "message", "field"}.
 */
public class Problem extends RuntimeException {

    /** What kind of refusal it is; the web layer chooses the status. */
    public enum Kind {
        /** The input is wrong ({@link #field()} says where). */
        INVALID,
        NOT_FOUND,
        /** Not in the state it is now. */
        CONFLICT,
        /** Well-formed, but the thing asked for cannot be done (an invoice the policy excludes). */
        NOT_PROCESSABLE,
        /** The upstream system refused it, with its reason. */
        UPSTREAM_REFUSED,
        /** Something Indriva needs cannot be reached now; try again later. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String error;
    private final String field;

    /**
     * @param error the machine-readable code ("invalid_field", "agency_refused", ...)
     * @param field the input field it is about, or null
     */
    public Problem(Kind kind, String error, String message, String field) {
        super(message, null, false, false);
        this.kind = kind;
        this.error = error;
        this.field = field;
    }

    public static Problem badField(String field, String message) {
        return new Problem(Kind.INVALID, "invalid_field", field + ": " + message, field);
    }

    public static Problem notFound(String message) {
        return new Problem(Kind.NOT_FOUND, "not_found", message, null);
    }

    /** An upstream system cannot be reached now (503); {@code message} says which and when to try again. */
    public static Problem upstreamUnavailable(String message) {
        return new Problem(Kind.UNAVAILABLE, "upstream_unavailable", message, null);
    }

    public static Problem conflict(String message) {
        return new Problem(Kind.CONFLICT, "conflict", message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }
}
