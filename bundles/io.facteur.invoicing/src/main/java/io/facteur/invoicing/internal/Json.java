package io.facteur.invoicing.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of drafts, seller profiles and issued invoices as the database keeps them: dates as
 * ISO text, amounts as plain decimals with their scale (so that an issued invoice read back writes
 * the same CII and PDF), byte arrays as base64. Properties a later version added are ignored when
 * read, so that older rows and newer code get along.
 */
final class Json {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .build();

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * A request body, refused with the place of the first thing that does not fit (a JSON pointer)
     * and what the parser said.
     */
    static <T> T body(String json, Class<T> type) throws BodyException {
        if (json == null || json.isBlank()) {
            throw new BodyException("", "empty body");
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new BodyException("", "null body");
            }
            return value;
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            StringBuilder pointer = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
                pointer.append('/')
                        .append(
                                r.getFieldName() != null
                                        ? r.getFieldName().replace("~", "~0").replace("/", "~1")
                                        : String.valueOf(r.getIndex()));
            }
            throw new BodyException(pointer.toString(), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new BodyException("", e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            // a record's compact constructor refused a value
            throw new BodyException("", e.getMessage());
        }
    }

    /** A request body that is not the JSON expected. */
    static final class BodyException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String pointer;

        BodyException(String pointer, String message) {
            super(
                    message == null
                            ? ""
                            : message.length() > 300 ? message.substring(0, 300) : message);
            this.pointer = pointer;
        }

        String pointer() {
            return pointer;
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored " + type.getSimpleName(), e);
        }
    }
}
