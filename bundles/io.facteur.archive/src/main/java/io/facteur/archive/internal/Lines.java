package io.facteur.archive.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads LF-terminated UTF-8 lines, each bounded: an over-long line is cut and flagged. */
final class Lines implements Closeable {
    private final InputStream in;
    private final int max;
    private final byte[] line;
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean tooLong;
    private boolean terminated;

    Lines(Path file, int max) throws IOException {
        this.in = Files.newInputStream(file);
        this.max = max;
        this.line = new byte[max];
    }

    /** The next line without its LF, or null at the end. */
    String next() throws IOException {
        int n = 0;
        tooLong = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(chunk);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (n == 0 && !tooLong) {
                        return null; // the end: terminated still tells about the last line
                    }
                    terminated = false;
                    return new String(line, 0, n, StandardCharsets.UTF_8);
                }
            }
            int start = pos;
            while (pos < limit && chunk[pos] != '\n') {
                pos++;
            }
            int length = pos - start;
            int room = Math.min(length, max - n);
            System.arraycopy(chunk, start, line, n, room);
            n += room;
            if (room < length) {
                tooLong = true;
            }
            if (pos < limit) {
                pos++; // the LF
                terminated = true;
                return new String(line, 0, n, StandardCharsets.UTF_8);
            }
        }
    }

    /** True when the last line returned was longer than the bound. */
    boolean tooLong() {
        return tooLong;
    }

    /** True when the last line returned ended with LF (false for a torn last line). */
    boolean terminated() {
        return terminated;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
