package eu.indriva.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A value that did not fit its field (a text where a number belongs, an unknown field) as a
 * {@link Problem} naming the field: the same words for the admin API's JSON and the settings form.
 */
public final class JsonProblems {

    private JsonProblems() {}

    /** The problem with the field the mapping failed at; empty when it does not say which field. */
    public static Optional<Problem> of(JsonMappingException m) {
        if (m.getPath().isEmpty()) {
            return Optional.empty();
        }
        String field = m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String what;
        if (m instanceof UnrecognizedPropertyException u) {
            what = "is not a field here (misspelt?); the fields are " + u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().toList();
        } else if (m instanceof MismatchedInputException mi && mi.getTargetType() != null && isWhole(mi.getTargetType())
                && m.getOriginalMessage() != null && m.getOriginalMessage().contains("Floating-point")) {
            what = "must be a whole number (a fraction would be lost)";
        } else if (m instanceof InvalidFormatException f && f.getTargetType() != null) {
            what = "has the wrong type (expected " + simpleType(f.getTargetType()) + ")";
        } else {
            what = "has the wrong type or shape";
        }
        return Optional.of(Problem.badField(field, what));
    }

    private static boolean isWhole(Class<?> type) {
        return type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class;
    }

    private static String simpleType(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return type == String.class ? "a string" : type.getSimpleName();
    }
}
