package io.facteur.format.mustang.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.mustangproject.ZUGFeRD.CustomXMLProvider;
import org.mustangproject.ZUGFeRD.PDFAConformanceLevel;
import org.mustangproject.ZUGFeRD.Profile;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;

/**
 * Mustang's PDF/A-3 exporter for one invoice: embeds the invoice XML, byte for byte, as {@code
 * factur-x.xml} (associated file, relationship Alternative, or Data for MINIMUM and BASIC WL), and
 * writes the Factur-X XMP (profile, file name, version) with the PDF/A-3 extension schema. Not
 * thread-safe: one instance per PDF, {@link #open} then {@link #embed}.
 */
final class FacturXEmbedding extends ZUGFeRDExporterFromA3 {

    private static final String FILE_NAME = "factur-x.xml";

    /** The actions PDF/A-3 does not permit (ISO 19005-3, 6.5.1). */
    private static final Set<String> FORBIDDEN_ACTIONS =
            Set.of(
                    "Launch",
                    "Sound",
                    "Movie",
                    "ResetForm",
                    "ImportData",
                    "Hide",
                    "SetOCGState",
                    "Rendition",
                    "Trans",
                    "GoTo3DView",
                    "JavaScript",
                    "SetState",
                    "NoOp");

    private int size;

    FacturXEmbedding(Profile profile) {
        setProfile(profile);
        setProducer("Facteur");
        setCreator("Facteur");
        setCreatorTool("Facteur");
        setConformanceLevel(PDFAConformanceLevel.UNICODE);
    }

    /**
     * Factur-X 1.07 names the attachment {@code factur-x.xml} for every profile; Mustang would name
     * it {@code xrechnung.xml} for XRECHNUNG, as ZUGFeRD 2.1 did.
     */
    @Override
    public String getFilenameForVersion(int version, Profile profile) {
        return FILE_NAME;
    }

    /**
     * The document information says what the XMP says (PDF/A-3, 6.6.2.3.1): Mustang 2.25.0 would
     * append "(via mustangproject.org ${project.version})", unfiltered, to the producer.
     */
    @Override
    protected void writeDocumentInformation() {
        super.writeDocumentInformation();
        doc.getDocumentInformation().setProducer(producer);
    }

    /**
     * Opens the PDF the XML goes into.
     *
     * @param pdf a PDF whose pages meet PDF/A-3 (such as the visualization FOP wrote in PDF/A-3b
     *     mode)
     * @throws IOException when PDFBox cannot open it
     */
    void open(byte[] pdf) throws IOException {
        load(pdf);
        size = pdf.length;
    }

    /** Whether the opened PDF is encrypted (PDF/A forbids it). */
    boolean encrypted() {
        return doc.isEncrypted();
    }

    /**
     * The opened PDF as PDF/A-3 with the XML embedded; closes the PDF.
     *
     * @param xml the invoice XML, embedded unchanged
     */
    byte[] embed(byte[] xml) throws IOException {
        withoutForbiddenActions();
        // Mustang's own provider refuses XML whose prefix is not rsm: the bytes go in as they are
        setXMLProvider(new Verbatim(xml));
        prepare();
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + xml.length + 8192);
        export(out);
        return out.toByteArray();
    }

    /**
     * FOP links the documents an invoice carries (BG-24, embedded as files) with a JavaScript
     * action, which PDF/A forbids (ISO 19005-3, 6.5.1): such links are dropped, the files stay.
     */
    private void withoutForbiddenActions() throws IOException {
        for (PDPage page : doc.getPages()) {
            List<PDAnnotation> annotations = page.getAnnotations();
            boolean removed =
                    annotations.removeIf(
                            a ->
                                    FORBIDDEN_ACTIONS.contains(
                                            actionType(
                                                    a.getCOSObject().getCOSDictionary(COSName.A))));
            if (removed) {
                page.setAnnotations(annotations);
            }
        }
    }

    private static String actionType(COSDictionary action) {
        return action == null ? "" : String.valueOf(action.getNameAsString(COSName.S));
    }

    /** Gives the invoice XML as it came. */
    private static final class Verbatim extends CustomXMLProvider {
        Verbatim(byte[] xml) {
            this.zugferdData = xml;
        }
    }
}
