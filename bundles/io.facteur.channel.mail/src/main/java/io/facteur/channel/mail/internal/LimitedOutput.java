package io.facteur.channel.mail.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** An output stream that fails with {@link Overflow} once more than a limit was written. */
final class LimitedOutput extends FilterOutputStream {
    /** Thrown when the limit is passed. */
    static final class Overflow extends IOException {
        private static final long serialVersionUID = 1L;

        Overflow() {
            super("over the limit");
        }
    }

    private final long limit;
    private long written;

    LimitedOutput(OutputStream out, long limit) {
        super(out);
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        count(1);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        count(len);
        out.write(b, off, len);
    }

    private void count(int n) throws Overflow {
        written += n;
        if (written > limit) {
            throw new Overflow();
        }
    }
}
