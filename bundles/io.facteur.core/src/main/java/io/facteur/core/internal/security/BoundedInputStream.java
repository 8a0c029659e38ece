package io.facteur.core.internal.security;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/** Passes a request body through until a limit, then fails with the given exception. */
final class BoundedInputStream extends FilterInputStream {
    private final long limit;
    private final Supplier<? extends RuntimeException> tooLarge;
    private long count;

    BoundedInputStream(InputStream in, long limit, Supplier<? extends RuntimeException> tooLarge) {
        super(in);
        this.limit = limit;
        this.tooLarge = tooLarge;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        count += n;
        if (count > limit) {
            throw tooLarge.get();
        }
    }
}
