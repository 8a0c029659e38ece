package io.facteur.export.sftp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** A file channel of the test server whose writes can be made to fail. */
final class Channels {
    private Channels() {}

    /** What a write does before it reaches the file. */
    interface WriteHook {
        /** Called with the bytes written so far and the size of this write. */
        void beforeWrite(long written, int size) throws IOException;
    }

    static SeekableByteChannel hooked(SeekableByteChannel file, WriteHook hook) {
        return new SeekableByteChannel() {
            private long written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                hook.beforeWrite(written, src.remaining());
                int n = file.write(src);
                written += n;
                return n;
            }

            @Override
            public int read(ByteBuffer dst) throws IOException {
                return file.read(dst);
            }

            @Override
            public long position() throws IOException {
                return file.position();
            }

            @Override
            public SeekableByteChannel position(long newPosition) throws IOException {
                file.position(newPosition);
                return this;
            }

            @Override
            public long size() throws IOException {
                return file.size();
            }

            @Override
            public SeekableByteChannel truncate(long size) throws IOException {
                file.truncate(size);
                return this;
            }

            @Override
            public boolean isOpen() {
                return file.isOpen();
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }
}
