package io.facteur.core.internal.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * JSON for Facteur's API with one configured Jackson: records, ISO-8601 dates, and unknown
 * properties refused (a misspelt field is an error, not silently dropped).
 */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class})
@JaxrsExtension
@JaxrsName("facteur.json")
@JaxrsMediaType(MediaType.APPLICATION_JSON)
@JaxrsApplicationSelect(FacteurApplication.SELECT)
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {
    static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public boolean isReadable(Class<?> type, Type generic, Annotation[] a, MediaType mediaType) {
        return json(mediaType)
                && type != String.class
                && type != InputStream.class
                && type != byte[].class;
    }

    @Override
    public Object readFrom(
            Class<Object> type,
            Type generic,
            Annotation[] a,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream in)
            throws IOException, WebApplicationException {
        return MAPPER.readValue(in, MAPPER.constructType(generic));
    }

    @Override
    public boolean isWriteable(Class<?> type, Type generic, Annotation[] a, MediaType mediaType) {
        return json(mediaType) && type != String.class && type != byte[].class;
    }

    @Override
    public void writeTo(
            Object value,
            Class<?> type,
            Type generic,
            Annotation[] a,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        MAPPER.writeValue(out, value);
    }

    private static boolean json(MediaType m) {
        return m == null
                || m.isWildcardType()
                || ("application".equals(m.getType())
                        && (m.getSubtype().equals("json") || m.getSubtype().endsWith("+json")));
    }
}
