package io.facteur.delivery.postal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A print drop in a local folder: {@code <id>.pdf}, then {@code <id>.json}, each written under a
 * hidden temporary name ({@code .<id>.<nonce>.tmp}), forced to disk and renamed into place, then
 * the folder itself forced, so that a crash never leaves a manifest without its PDF.
 */
final class FolderDrop implements PrintDrop {

    /** Largest manifest read back when a job is handed over again. */
    static final long MAX_MANIFEST_BYTES = 1024 * 1024;

    private final Logger logger = LoggerFactory.getLogger(FolderDrop.class);
    private final Path folder;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    FolderDrop(Path folder) {
        this.folder = folder;
    }

    @Override
    public Outcome handOver(PrintJob job) throws IOException, Conflict {
        Files.createDirectories(folder);
        Path manifest = folder.resolve(job.id() + ".json");
        if (Files.exists(manifest)) {
            return compare(manifest, job);
        }
        byte[] description = json.writeValueAsBytes(job.manifest());
        String nonce = UUID.randomUUID().toString();
        Path pdfPart = folder.resolve("." + job.id() + "." + nonce + ".pdf.tmp");
        Path manifestPart = folder.resolve("." + job.id() + "." + nonce + ".json.tmp");
        try {
            write(pdfPart, job.pdf());
            Files.move(
                    pdfPart,
                    folder.resolve(job.id() + ".pdf"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            write(manifestPart, description);
            forceFolder();
            Files.move(manifestPart, manifest, StandardCopyOption.ATOMIC_MOVE);
            forceFolder();
            return Outcome.HANDED_OVER;
        } catch (FileAlreadyExistsException e) {
            return compare(manifest, job);
        } finally {
            Files.deleteIfExists(pdfPart);
            Files.deleteIfExists(manifestPart);
        }
    }

    private Outcome compare(Path manifest, PrintJob job) throws IOException, Conflict {
        long size;
        try {
            size = Files.size(manifest);
        } catch (NoSuchFileException e) {
            throw new IOException("the manifest " + manifest + " went away while read", e);
        }
        if (size > MAX_MANIFEST_BYTES) {
            throw new Conflict("the manifest " + manifest + " is not one Facteur wrote");
        }
        JsonNode existing;
        try {
            existing = json.readTree(Files.readAllBytes(manifest));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Conflict("the manifest " + manifest + " is not one Facteur wrote");
        }
        String hash = existing == null ? "" : existing.path("pdf").path("sha256").asText("");
        if (!hash.equals(job.sha256())) {
            throw new Conflict(
                    "print job "
                            + job.id()
                            + " was handed over with another PDF (SHA-256 "
                            + AddressText.clean(hash, 64)
                            + ")");
        }
        return Outcome.ALREADY_THERE;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try (FileChannel out =
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
    }

    private void forceFolder() {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some systems (Windows) cannot open a folder to force it; the files are forced
            logger.debug("cannot force the folder {} to disk: {}", folder, e.toString());
        }
    }
}
