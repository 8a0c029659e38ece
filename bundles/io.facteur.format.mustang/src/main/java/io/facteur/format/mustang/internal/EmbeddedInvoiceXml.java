package io.facteur.format.mustang.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

/**
 * Takes the invoice XML out of a Factur-X / ZUGFeRD PDF, under the attachment names of every
 * version that Mustang's importer knows (factur-x.xml, zugferd-invoice.xml, ZUGFeRD-invoice.xml,
 * xrechnung.xml).
 *
 * <p>It walks the PDF's embedded files with PDFBox rather than through Mustang's importer, because
 * that importer decompresses every attachment whole into memory: a 20 MB PDF whose attachment is a
 * Flate bomb would then take gigabytes of heap. Here only the invoice attachment is decompressed,
 * up to {@link #MAX_XML_BYTES}, the other attachments are never read, and the name tree is walked
 * with a bound on its size (a hostile tree may be deep or cyclic).
 */
final class EmbeddedInvoiceXml {
    /** The largest invoice XML taken out of a PDF, decompressed. */
    static final int MAX_XML_BYTES = 16 * 1024 * 1024;

    private static final int MAX_TREE_NODES = 1_000;

    /** Attachment names of the invoice XML: ZUGFeRD 1 and 2, Factur-X, XRechnung in a PDF. */
    private static final List<String> INVOICE_NAMES =
            List.of("factur-x.xml", "zugferd-invoice.xml", "ZUGFeRD-invoice.xml", "xrechnung.xml");

    private EmbeddedInvoiceXml() {}

    /**
     * The result of looking into a PDF.
     *
     * @param xml the embedded invoice XML, empty when none was found or it was refused
     * @param otherXmlAttached whether some XML is attached under a name that is not an invoice's
     * @param refusal why an invoice attachment that is there was not taken out, if so
     */
    record Extraction(Optional<byte[]> xml, boolean otherXmlAttached, Optional<String> refusal) {
        static final Extraction NOTHING = new Extraction(Optional.empty(), false, Optional.empty());
    }

    /** Looks for the embedded invoice; never throws for a damaged or hostile PDF. */
    static Extraction extract(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode tree = names == null ? null : names.getEmbeddedFiles();
            if (tree == null) {
                return Extraction.NOTHING;
            }
            Walk walk = new Walk();
            walk.visit(tree);
            return walk.result();
        } catch (IOException | RuntimeException e) {
            // not a PDF PDFBox can open (truncated, damaged, encrypted): no invoice found
            return Extraction.NOTHING;
        }
    }

    /** One walk of a name tree of embedded files. */
    private static final class Walk {
        private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean otherXml;
        private byte[] xml;
        private String refusal;

        void visit(PDNameTreeNode<PDComplexFileSpecification> node) throws IOException {
            if (xml != null || seen.size() >= MAX_TREE_NODES || !seen.add(node.getCOSObject())) {
                return;
            }
            Map<String, PDComplexFileSpecification> files = node.getNames();
            if (files != null) {
                for (PDComplexFileSpecification spec : files.values()) {
                    if (spec != null) {
                        look(spec);
                    }
                }
            }
            List<PDNameTreeNode<PDComplexFileSpecification>> kids = node.getKids();
            if (kids != null) {
                for (PDNameTreeNode<PDComplexFileSpecification> kid : kids) {
                    visit(kid);
                }
            }
        }

        private void look(PDComplexFileSpecification spec) throws IOException {
            String name = spec.getFilename();
            if (name == null || xml != null) {
                return;
            }
            if (!INVOICE_NAMES.contains(name)) {
                otherXml |= name.toLowerCase(java.util.Locale.ROOT).endsWith(".xml");
                return;
            }
            PDEmbeddedFile file =
                    spec.getEmbeddedFileUnicode() != null
                            ? spec.getEmbeddedFileUnicode()
                            : spec.getEmbeddedFile();
            if (file == null) {
                return;
            }
            try (InputStream in = file.createInputStream()) {
                xml = readAtMost(in, MAX_XML_BYTES);
            } catch (TooLarge e) {
                refusal =
                        "The invoice XML embedded in this PDF ("
                                + name
                                + ") is larger than "
                                + MAX_XML_BYTES / (1024 * 1024)
                                + " MB once decompressed: it is refused";
            }
        }

        Extraction result() {
            return new Extraction(Optional.ofNullable(xml), otherXml, Optional.ofNullable(refusal));
        }
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (out.size() + n > max) {
                throw new TooLarge();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The decompressed attachment exceeds the limit. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null);
        }
    }
}
