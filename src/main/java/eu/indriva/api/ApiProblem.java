package eu.indriva.api;

import org.springframework.http.HttpStatus;

/** A refusal that reaches the admin as {"error", "message", "field"}: never a stack trace. */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final String field;

    public ApiProblem(HttpStatus status, String error, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    public static ApiProblem badField(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid_field", field + ": " + message, field);
    }

    public static ApiProblem notFound(String message) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not_found", message, null);
    }

    public static ApiProblem conflict(String message) {
        return new ApiProblem(HttpStatus.CONFLICT, "conflict", message, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }
}
