package io.facteur.channel.api.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.HttpHeaders;

/** Reads a request body into memory, refusing one over a limit before and while it is read. */
final class BoundedBody {
    private BoundedBody() {}

    /** A body over the limit. */
    static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super(null, null, false, false);
        }
    }

    static byte[] read(ContainerRequestContext request, int max)
            throws IOException, TooLargeException {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > max) {
                    throw new TooLargeException();
                }
            } catch (NumberFormatException e) {
                // the container refuses a malformed length itself; the read below bounds the body
            }
        }
        return read(request.getEntityStream(), max);
    }

    static byte[] read(InputStream in, int max) throws IOException, TooLargeException {
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > max) {
                throw new TooLargeException();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
