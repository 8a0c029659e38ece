package io.facteur.core.internal.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Documents on disk, named by the SHA-256 of their bytes ({@code ab/cd/abcd...}). A document is
 * written to a temporary file, forced to the device, then moved into place and its folder forced
 * too: once {@link #store} returns, a crash loses nothing, and the same bytes are stored once.
 */
public final class DocumentStore {
    private final Path root;

    public DocumentStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    /**
     * What was stored.
     *
     * @param sha256 the hex SHA-256 of the bytes
     * @param size the number of bytes
     */
    public record Stored(String sha256, long size) {}

    /**
     * Copies the stream to the store, refusing more than {@code maxBytes}.
     *
     * @param tooLarge the exception to throw when the stream is longer than the limit
     */
    public Stored store(
            InputStream in, long maxBytes, Supplier<? extends RuntimeException> tooLarge)
            throws IOException {
        Path tmp = Files.createTempFile(root, "incoming-", ".tmp");
        try {
            MessageDigest digest = sha256();
            long size;
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out =
                            new DigestOutputStream(Channels.newOutputStream(channel), digest)) {
                size = copy(in, out, maxBytes, tooLarge);
                out.flush();
                channel.force(true);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            Path target = path(sha);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                forceDirectory(target.getParent());
            }
            return new Stored(sha, size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The bytes of a stored document. */
    public byte[] read(String sha256) throws IOException {
        return Files.readAllBytes(path(sha256));
    }

    /** Where a document with that hash is (or would be) kept. */
    Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private static long copy(
            InputStream in,
            OutputStream out,
            long max,
            Supplier<? extends RuntimeException> tooLarge)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > max) {
                throw tooLarge.get();
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open a folder; the file itself is forced already
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
