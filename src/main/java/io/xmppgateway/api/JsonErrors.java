package io.xmppgateway.api;

import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Says what is wrong with a request body in the caller's terms: the field (as a path such as {@code to[1]}) and what
 * it should be. Jackson's own messages name Java types, the parser's classes and its source; none of that is the
 * caller's business, so none of it is passed on.
 */
final class JsonErrors {

    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonParseException) {
            if (original.startsWith("Duplicate field")) {
                int quote = original.indexOf('\'');
                String field = quote < 0 ? "a field" : original.substring(quote);
                return field + " appears twice in the same object";
            }
            return "the body is not well-formed JSON" + at(e);
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (original.startsWith("Trailing token")) {
                return "there is more after the JSON value" + at(e) + "; send exactly one JSON object";
            }
            String path = path(mismatch.getPath());
            if (path.isEmpty()) {
                return "the body must be a JSON object";
            }
            return "'" + path + "' must be " + expected(mismatch.getTargetType());
        }
        return "the body is not valid JSON" + at(e);
    }

    /** The position in the caller's body, when the parser knows it. */
    private static String at(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another kind";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
