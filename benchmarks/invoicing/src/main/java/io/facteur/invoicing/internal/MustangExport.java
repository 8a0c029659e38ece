package io.facteur.invoicing.internal;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.XmpSerializer;
import org.mustangproject.Allowance;
import org.mustangproject.BankDetails;
import org.mustangproject.Charge;
import org.mustangproject.Invoice;
import org.mustangproject.Item;
import org.mustangproject.Product;
import org.mustangproject.TradeParty;
import org.mustangproject.ZUGFeRD.IZUGFeRDExporter;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromPDFA;

/**
 * The baseline: Mustang's own documented path to a Factur-X, with nothing of Facteur. The same
 * draft data in Mustang's model ({@link Invoice}, {@link Item}, {@link Product}, {@link
 * TradeParty}, {@link Allowance}, {@link Charge}); {@link ZUGFeRDExporterFromPDFA} loads one fixed
 * blank PDF/A-3B page (made once), {@code setTransaction} lets Mustang's ZUGFeRD2PullProvider
 * compute the totals and write the EN 16931 CII, and {@code export} embeds it with the Factur-X
 * XMP. No layout of the invoice's content, no validation, no archive: what a bare integration of
 * Mustang costs per invoice.
 */
final class MustangExport {

    private final byte[] blankPage = blankPdfA3Page();

    /** The Factur-X Mustang makes of that sample. */
    byte[] export(BenchDrafts.Sample sample, String number) {
        Invoice invoice = invoice(sample, number);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            IZUGFeRDExporter exporter =
                    new ZUGFeRDExporterFromPDFA()
                            .load(blankPage)
                            .setProducer("Facteur benchmark")
                            .setCreator("Mustang")
                            .setZUGFeRDVersion(2)
                            .setProfile(Profiles.getByName("EN16931"));
            exporter.setTransaction(invoice);
            exporter.export(out);
            exporter.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Mustang cannot export " + number, e);
        }
        return out.toByteArray();
    }

    // Mustang 2.25 marks some setters of its model for removal (the references and the tax of
    // allowances and charges) without a replacement in the same model: its own examples use them
    @SuppressWarnings("removal")
    static Invoice invoice(BenchDrafts.Sample sample, String number) {
        Draft draft = sample.draft();
        SellerProfile seller = sample.seller();
        TradeParty sender =
                new TradeParty(
                                seller.legalName(),
                                seller.address().line1(),
                                seller.address().postcode(),
                                seller.address().city(),
                                seller.address().countryCode())
                        .setEmail(seller.email())
                        .addBankDetails(
                                new BankDetails(seller.iban().replace(" ", ""), seller.bic()));
        if (!seller.vatId().isEmpty() && !LineChecks.usesCategoryO(draft)) {
            sender.addVATID(seller.vatId());
        }
        Buyer buyer = draft.buyer();
        TradeParty recipient =
                new TradeParty(
                        buyer.name(),
                        buyer.address().line1(),
                        buyer.address().postcode(),
                        buyer.address().city(),
                        buyer.address().countryCode());
        if (!buyer.email().isEmpty()) {
            recipient.setEmail(buyer.email());
        }
        if (!buyer.vatId().isEmpty() && !LineChecks.usesCategoryO(draft)) {
            recipient.addVATID(buyer.vatId());
        }
        Invoice invoice =
                new Invoice()
                        .setNumber(number)
                        .setIssueDate(date(draft.issueDate()))
                        .setDueDate(date(draft.dueDate()))
                        .setDeliveryDate(date(draft.issueDate()))
                        .setCurrency(draft.currency())
                        .setSender(sender)
                        .setRecipient(recipient)
                        .setPaymentTermDescription(draft.paymentTermsText())
                        .setBuyerOrderReferencedDocumentID(draft.purchaseOrder());
        if (!buyer.buyerReference().isEmpty()) {
            invoice.setReferenceNumber(buyer.buyerReference());
        }
        if (draft.creditNote()) {
            invoice.setCreditNote();
            invoice.setInvoiceReferencedDocumentID(draft.precedingInvoice());
        }
        for (DraftLine line : draft.lines()) {
            Product product =
                    new Product(line.description(), "", line.unit(), rate(line.vatRate()))
                            .setTaxCategoryCode(line.vatCategory());
            String reason = draft.exemptionReasons().get(line.vatCategory());
            if (reason != null) {
                product.setTaxExemptionReason(reason);
            }
            Item item = new Item(product, line.unitPrice(), line.quantity());
            if (line.allowance() != null) {
                item.addAllowance(
                        new Allowance(line.allowance())
                                .setReason(line.allowanceReason())
                                .setTaxPercent(rate(line.vatRate()))
                                .setCategoryCode(line.vatCategory()));
            }
            invoice.addItem(item);
        }
        for (DocumentAdjustment adjustment : draft.adjustments()) {
            Charge change =
                    adjustment.charge()
                            ? new Charge(adjustment.amount())
                            : new Allowance(adjustment.amount());
            change.setReason(adjustment.reason())
                    .setTaxPercent(rate(adjustment.vatRate()))
                    .setCategoryCode(adjustment.vatCategory());
            if (adjustment.charge()) {
                invoice.addCharge(change);
            } else {
                invoice.addAllowance(change);
            }
        }
        return invoice;
    }

    private static BigDecimal rate(BigDecimal rate) {
        return rate == null ? BigDecimal.ZERO : rate;
    }

    private static Date date(LocalDate date) {
        return Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** One empty A4 page with an sRGB output intent and the PDF/A-3B identification. */
    private static byte[] blankPdfA3Page() {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            page.setResources(new PDResources()); // Mustang's exporter walks the page's resources
            document.addPage(page);
            byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
            PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(srgb));
            intent.setInfo("sRGB IEC61966-2.1");
            intent.setOutputCondition("sRGB IEC61966-2.1");
            intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
            intent.setRegistryName("http://www.color.org");
            document.getDocumentCatalog().addOutputIntent(intent);
            XMPMetadata xmp = XMPMetadata.createXMPMetadata();
            PDFAIdentificationSchema pdfa = xmp.createAndAddPDFAIdentificationSchema();
            pdfa.setPart(3);
            pdfa.setConformance("B");
            ByteArrayOutputStream metadata = new ByteArrayOutputStream();
            new XmpSerializer().serialize(xmp, metadata, true);
            PDMetadata stream = new PDMetadata(document);
            stream.importXMPMetadata(metadata.toByteArray());
            document.getDocumentCatalog().setMetadata(stream);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the blank PDF/A page", e);
        }
    }
}
