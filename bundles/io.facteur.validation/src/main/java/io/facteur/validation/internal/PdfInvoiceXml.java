package io.facteur.validation.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

/**
 * Takes the invoice XML out of a Factur-X / ZUGFeRD / XRechnung PDF with PDFBox, by the attachment
 * names these standards use, so that the rules see exactly the bytes the PDF carries.
 */
final class PdfInvoiceXml {

    /** Attachment names of Factur-X 1.0, ZUGFeRD 2.x, ZUGFeRD 1.0 and XRechnung, in that order. */
    static final List<String> NAMES =
            List.of("factur-x.xml", "zugferd-invoice.xml", "ZUGFeRD-invoice.xml", "xrechnung.xml");

    private static final int MAX_DEPTH = 8;
    private static final int MAX_NODES = 1_000;

    /** The largest invoice XML taken out of a PDF, decompressed (as the readers do). */
    static final int MAX_XML_BYTES = 16 * 1024 * 1024;

    static boolean isPdf(byte[] content) {
        return content.length > 4
                && content[0] == '%'
                && content[1] == 'P'
                && content[2] == 'D'
                && content[3] == 'F';
    }

    byte[] extract(byte[] pdf) throws InvoiceXmlException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode tree = names == null ? null : names.getEmbeddedFiles();
            if (tree != null) {
                for (String wanted : NAMES) {
                    Optional<byte[]> found =
                            find(
                                    tree,
                                    wanted,
                                    0,
                                    java.util.Collections.newSetFromMap(
                                            new java.util.IdentityHashMap<>()));
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new InvoiceXmlException("This PDF cannot be opened: " + e.getMessage());
        }
        throw new InvoiceXmlException("This PDF carries no invoice XML (looked for " + NAMES + ")");
    }

    private static Optional<byte[]> find(
            PDNameTreeNode<PDComplexFileSpecification> node,
            String wanted,
            int depth,
            java.util.Set<Object> seen)
            throws IOException, InvoiceXmlException {
        // a hostile tree may be cyclic or very wide: each node is visited once, and only so many
        if (depth > MAX_DEPTH || seen.size() > MAX_NODES || !seen.add(node.getCOSObject())) {
            return Optional.empty();
        }
        Map<String, PDComplexFileSpecification> files = node.getNames();
        if (files != null) {
            for (Map.Entry<String, PDComplexFileSpecification> entry : files.entrySet()) {
                PDComplexFileSpecification spec = entry.getValue();
                String name = spec.getFilename() != null ? spec.getFilename() : entry.getKey();
                if (wanted.equalsIgnoreCase(name) || wanted.equalsIgnoreCase(entry.getKey())) {
                    PDEmbeddedFile file = embedded(spec);
                    if (file != null) {
                        return Optional.of(readAtMost(file, name));
                    }
                }
            }
        }
        List<PDNameTreeNode<PDComplexFileSpecification>> kids = node.getKids();
        if (kids != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : kids) {
                Optional<byte[]> found = find(kid, wanted, depth + 1, seen);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Decompresses the attachment, refusing it past {@link #MAX_XML_BYTES} (a Flate bomb). */
    private static byte[] readAtMost(PDEmbeddedFile file, String name)
            throws IOException, InvoiceXmlException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64 * 1024);
        byte[] buffer = new byte[64 * 1024];
        try (java.io.InputStream in = file.createInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + n > MAX_XML_BYTES) {
                    throw new InvoiceXmlException(
                            "The invoice XML embedded in this PDF ("
                                    + name
                                    + ") is larger than "
                                    + MAX_XML_BYTES / (1024 * 1024)
                                    + " MB once decompressed");
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static PDEmbeddedFile embedded(PDComplexFileSpecification spec) {
        PDEmbeddedFile file = spec.getEmbeddedFileUnicode();
        return file != null ? file : spec.getEmbeddedFile();
    }
}
