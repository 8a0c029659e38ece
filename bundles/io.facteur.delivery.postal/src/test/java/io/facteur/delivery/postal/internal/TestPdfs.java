package io.facteur.delivery.postal.internal;

import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.PDFTextStripperByArea;

/** Reads and damages PDFs for the tests. */
final class TestPdfs {

    private TestPdfs() {}

    /** The PDF encrypted with AES-128, openable with the user password (empty: by anyone). */
    static byte[] encrypted(byte[] pdf, String userPassword) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            StandardProtectionPolicy policy =
                    new StandardProtectionPolicy("owner", userPassword, new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** The text of the first page inside a rectangle given in millimetres from the top left. */
    static String textIn(byte[] pdf, double leftMm, double topMm, double widthMm, double heightMm)
            throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripperByArea stripper = new PDFTextStripperByArea();
            stripper.setSortByPosition(true);
            stripper.addRegion(
                    "r",
                    new Rectangle2D.Double(
                            AddressSheet.pt(leftMm),
                            AddressSheet.pt(topMm),
                            AddressSheet.pt(widthMm),
                            AddressSheet.pt(heightMm)));
            stripper.extractRegions(document.getPage(0));
            return stripper.getTextForRegion("r");
        }
    }

    /** The text of the window's address zone (below the return line). */
    static String addressZone(byte[] pdf, AddressWindow w) throws IOException {
        return textIn(
                pdf, w.leftMm(), w.addressTopMm(), w.widthMm(), w.heightMm() - w.addressOffsetMm());
    }

    /** The text of the whole window. */
    static String window(byte[] pdf, AddressWindow w) throws IOException {
        return textIn(pdf, w.leftMm(), w.topMm(), w.widthMm(), w.heightMm());
    }

    /** The text of the first page. */
    static String firstPage(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            return stripper.getText(document).replace('\u00a0', ' ').replace('\u202f', ' ');
        }
    }
}
