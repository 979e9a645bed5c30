package eu.indriva.api;

import eu.indriva.problem.Problem;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error of the API as {"error", "message", "field"}; never a stack trace. */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(Problem.class)
    ResponseEntity<Map<String, Object>> problem(Problem p) {
        return body(status(p.kind()), p.error(), p.getMessage(), p.field());
    }

    /** The HTTP status of each kind of refusal the domain code throws. */
    static HttpStatus status(Problem.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_PROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case UPSTREAM_REFUSED -> HttpStatus.BAD_GATEWAY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ApiBodyLimit.TooLarge tooLarge) {
                return body(HttpStatus.PAYLOAD_TOO_LARGE, "too_large", tooLarge.getMessage() + "; nothing was stored", "body");
            }
        }
        if (e.getCause() instanceof JsonMappingException m) {
            java.util.Optional<Problem> p = eu.indriva.problem.JsonProblems.of(m);
            if (p.isPresent()) {
                return body(HttpStatus.BAD_REQUEST, "invalid_field", p.get().getMessage(), p.get().field());
            }
        }
        return body(HttpStatus.BAD_REQUEST, "invalid_json", "the request body is missing or not valid JSON", "body");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, "invalid_field", e.getName() + ": '" + e.getValue() + "' is not a valid value", e.getName());
    }

    /** The client asked for a format the API does not speak: the reason, in JSON all the same (set as the content type, so it is written). */
    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Map<String, Object>> notAcceptable(org.springframework.web.HttpMediaTypeNotAcceptableException e) {
        ResponseEntity<Map<String, Object>> b = body(HttpStatus.NOT_ACCEPTABLE, "not_acceptable",
                "this API answers in application/json only; send Accept: application/json (or none)", "Accept");
        return ResponseEntity.status(b.getStatusCode()).contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(b.getBody());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send JSON with Content-Type: application/json", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMethod() + " is not supported here", null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> noResource(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, "not_found", "no such endpoint: /" + e.getResourcePath(), null);
    }

    /** Nothing can be done for the tenant until its secrets are entered again: a conflict with its state, said in words. */
    @ExceptionHandler(eu.indriva.tenant.TenantSecretsUnreadable.class)
    ResponseEntity<Map<String, Object>> secretsUnreadable(eu.indriva.tenant.TenantSecretsUnreadable e) {
        return body(HttpStatus.CONFLICT, "tenant_needs_attention", e.getMessage(), null);
    }

    /**
     * The database cannot be reached: nothing was stored, so say so with a 503 the caller may retry
     * (an agency's webhook is sent again), not a 500 with a stack trace, and never a 200.
     */
    @ExceptionHandler({org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.dao.TransientDataAccessResourceException.class,
            org.springframework.transaction.CannotCreateTransactionException.class})
    ResponseEntity<Map<String, Object>> databaseUnavailable(Exception e) {
        log.warn("request refused, the database cannot be reached: {}", e.getClass().getSimpleName());
        ResponseEntity<Map<String, Object>> b = body(HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable",
                "Indriva's database cannot be reached; nothing was stored. Try again later", null);
        return ResponseEntity.status(b.getStatusCode()).header("Retry-After", "30").body(b.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof jakarta.jms.JMSException || c instanceof org.springframework.jms.JmsException) {
                // the broker is restarting or out of reach: nothing was queued; the caller (an agency) sends it again
                log.warn("request refused, the message broker cannot be reached: {}", c.getClass().getSimpleName());
                ResponseEntity<Map<String, Object>> b = body(HttpStatus.SERVICE_UNAVAILABLE, "broker_unavailable",
                        "Indriva's message broker cannot be reached; nothing was stored. Try again later", null);
                return ResponseEntity.status(b.getStatusCode()).header("Retry-After", "10").body(b.getBody());
            }
        }
        log.error("unexpected error in the admin API", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "an internal error occurred; the log has the details", null);
    }



    static ResponseEntity<Map<String, Object>> body(HttpStatus status, String error, String message, String field) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", error);
        b.put("message", message);
        b.put("field", field);
        return ResponseEntity.status(status).body(b);
    }
}
