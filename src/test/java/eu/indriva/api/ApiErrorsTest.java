package eu.indriva.api;

import static org.assertj.core.api.Assertions.assertThat;

import eu.indriva.problem.Problem;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The web layer's reading of the domain's refusals. */
class ApiErrorsTest {

    @Test
    void eachKindOfProblemHasItsStatusAndTheBodyNamesTheCodeMessageAndField() {
        Map<Problem.Kind, HttpStatus> expected = new EnumMap<>(Map.of(
                Problem.Kind.INVALID, HttpStatus.BAD_REQUEST, Problem.Kind.NOT_FOUND, HttpStatus.NOT_FOUND,
                Problem.Kind.CONFLICT, HttpStatus.CONFLICT, Problem.Kind.NOT_PROCESSABLE, HttpStatus.UNPROCESSABLE_ENTITY,
                Problem.Kind.UPSTREAM_REFUSED, HttpStatus.BAD_GATEWAY, Problem.Kind.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(expected.keySet()).containsExactly(Problem.Kind.values());
        expected.forEach((kind, status) -> assertThat(ApiErrors.status(kind)).as("%s", kind).isEqualTo(status));

        var answer = new ApiErrors().problem(Problem.badField("policy.graceDays", "must be 0–3650"));
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody()).containsEntry("error", "invalid_field").containsEntry("field", "policy.graceDays")
                .containsEntry("message", "policy.graceDays: must be 0–3650");
    }
}
