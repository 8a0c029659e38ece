package io.facteur.format.mustang.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Document;
import io.facteur.api.UnreadableInvoiceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.junit.jupiter.api.Test;

/** PDFs built to exhaust the reader: compression bombs and endless name trees. */
class PdfBombTest {
    private final FacturXReader reader = new FacturXReader();

    @Test
    void anInvoiceAttachmentThatInflatesToHalfAGigabyteIsRefusedWithTheReason() throws Exception {
        // 512 MB of zeros, deflated to about half a megabyte
        byte[] bomb = deflatedZeros(512L * 1024 * 1024);
        assertThat(bomb.length).isLessThan(1024 * 1024);
        Document pdf = pdfWith("factur-x.xml", bomb);

        assertThat(reader.detect(pdf)).isPresent(); // it is a Factur-X PDF, and says why not
        assertThatThrownBy(() -> reader.read(pdf))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("factur-x.xml")
                .hasMessageContaining("larger than 16 MB once decompressed");
        assertThat(reader.invoiceXml(pdf)).isEmpty();
    }

    @Test
    void aBombUnderAnotherNameIsNeverDecompressed() throws Exception {
        Document pdf = pdfWith("report.xml", deflatedZeros(512L * 1024 * 1024));

        assertThat(reader.detect(pdf)).isEmpty();
        assertThatThrownBy(() -> reader.read(pdf))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("none under a Factur-X/ZUGFeRD name");
    }

    @Test
    void aNameTreeThatContainsItselfEnds() throws Exception {
        byte[] bytes;
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            COSArray kids = new COSArray();
            kids.add(tree.getCOSObject()); // its own kid
            tree.getCOSObject().setItem(COSName.KIDS, kids);
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            doc.getDocumentCatalog().setNames(names);
            bytes = save(doc);
        }
        Document pdf = new Document("loop.pdf", "application/pdf", bytes);

        assertThat(reader.detect(pdf)).isEmpty();
        assertThatThrownBy(() -> reader.read(pdf)).isInstanceOf(UnreadableInvoiceException.class);
    }

    @Test
    void aSmallAttachmentUnderTheLimitIsStillTakenOut() throws Exception {
        byte[] xml = Corpus.document(Corpus.folder("cii").resolve("factur-x.xml")).content();
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (OutputStream out = new DeflaterOutputStream(deflated)) {
            out.write(xml);
        }
        Document pdf = pdfWith("factur-x.xml", deflated.toByteArray());

        assertThat(reader.invoiceXml(pdf)).hasValueSatisfying(x -> assertThat(x).isEqualTo(xml));
        assertThat(reader.read(pdf).number()).isNotBlank();
    }

    private static Document pdfWith(String name, byte[] flateData) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            COSStream stream = doc.getDocument().createCOSStream();
            try (OutputStream raw = stream.createRawOutputStream()) {
                raw.write(flateData);
            }
            stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            stream.setItem(COSName.TYPE, COSName.EMBEDDED_FILE);
            PDEmbeddedFile file = new PDEmbeddedFile(stream);
            file.setSubtype("text/xml");
            PDComplexFileSpecification spec = new PDComplexFileSpecification(new COSDictionary());
            spec.setFile(name);
            spec.setFileUnicode(name);
            spec.setEmbeddedFile(file);
            spec.setEmbeddedFileUnicode(file);
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of(name, spec));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            doc.getDocumentCatalog().setNames(names);
            return new Document("bomb.pdf", "application/pdf", save(doc));
        }
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        byte[] bytes = out.toByteArray();
        Loader.loadPDF(bytes).close(); // a well-formed PDF
        return bytes;
    }

    private static byte[] deflatedZeros(long size) throws IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out =
                new DeflaterOutputStream(
                        deflated, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            for (long written = 0; written < size; written += zeros.length) {
                out.write(zeros);
            }
        }
        return deflated.toByteArray();
    }
}
