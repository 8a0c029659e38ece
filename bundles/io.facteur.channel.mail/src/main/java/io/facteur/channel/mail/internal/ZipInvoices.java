package io.facteur.channel.mail.internal;

import io.facteur.api.Document;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The invoices inside a ZIP attachment, read as a stream (the central directory's sizes are never
 * trusted) within {@link Limits}: entries, bytes uncompressed, ratio to the ZIP's size, one level
 * of nested ZIP. Entry names are only ever shown: the last segment becomes the file name, nothing
 * is written to disk.
 */
final class ZipInvoices {
    private final Limits limits;

    ZipInvoices(Limits limits) {
        this.limits = limits;
    }

    /** Adds the ZIP's invoices to {@code out}. */
    void read(byte[] zip, String zipName, List<Document> out) throws RejectedMailException {
        read(zip, zipName, out, 1);
    }

    private void read(byte[] zip, String zipName, List<Document> out, int level)
            throws RejectedMailException {
        long allowed = Math.min(limits.zipMaxBytes(), (long) zip.length * limits.zipMaxRatio());
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > limits.zipMaxEntries()) {
                    throw refused(zipName, "more than " + limits.zipMaxEntries() + " entries");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] bytes = Bounded.read(in, allowed - total);
                if (bytes == null) {
                    throw refused(
                            zipName,
                            "over "
                                    + allowed
                                    + " bytes uncompressed (limit "
                                    + limits.zipMaxBytes()
                                    + ", ratio "
                                    + limits.zipMaxRatio()
                                    + ")");
                }
                total += bytes.length;
                String name = FileNames.lastSegment(entry.getName());
                switch (InvoiceKind.of(bytes)) {
                    case PDF, XML ->
                            out.add(new Document(name, InvoiceKind.of(bytes).mediaType(), bytes));
                    case ZIP -> {
                        if (level > 1) {
                            throw refused(zipName, "a ZIP inside a ZIP inside a ZIP");
                        }
                        read(bytes, name, out, level + 1);
                    }
                    default -> {
                        // not an invoice: ignored like a logo in the mail
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw refused(zipName, "unreadable: " + e.getMessage());
        }
    }

    private static RejectedMailException refused(String zipName, String why) {
        return new RejectedMailException(Reason.ZIP_REFUSED, zipName + ": " + why);
    }
}
