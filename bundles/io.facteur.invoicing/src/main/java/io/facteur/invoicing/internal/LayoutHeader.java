package io.facteur.invoicing.internal;

import static io.facteur.invoicing.internal.LayoutStyle.ACCENT;
import static io.facteur.invoicing.internal.LayoutStyle.BAND;
import static io.facteur.invoicing.internal.LayoutStyle.LEFT;
import static io.facteur.invoicing.internal.LayoutStyle.MM;
import static io.facteur.invoicing.internal.LayoutStyle.MUTED;
import static io.facteur.invoicing.internal.LayoutStyle.PAGE;
import static io.facteur.invoicing.internal.LayoutStyle.RIGHT;
import static io.facteur.invoicing.internal.LayoutStyle.TEXT;
import static io.facteur.invoicing.internal.LayoutStyle.TOP;
import static io.facteur.invoicing.internal.LayoutStyle.WIDTH;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The top of the first page: the seller with its logo at left, the document's title and number at
 * right, the buyer where a window envelope shows it, then a band with the dates and references.
 */
final class LayoutHeader {
    private static final float LOGO_WIDTH = 45 * MM;
    private static final float LOGO_HEIGHT = 20 * MM;
    private static final float SELLER_WIDTH = 85 * MM;
    private static final float WINDOW_LEFT = LEFT + 90 * MM;
    private static final float WINDOW_TOP = PAGE.getHeight() - 50 * MM;
    private static final float WINDOW_HEIGHT = 40 * MM;
    private static final float WINDOW_WIDTH = RIGHT - WINDOW_LEFT;

    private final IssuedInvoice invoice;
    private final LayoutFonts fonts;
    private final LayoutFormat format;

    LayoutHeader(IssuedInvoice invoice, LayoutFonts fonts, LayoutFormat format) {
        this.invoice = invoice;
        this.fonts = fonts;
        this.format = format;
    }

    /** The title of the document in capitals: FACTURE, AVOIR, INVOICE... */
    static String title(IssuedInvoice invoice, LayoutFormat format) {
        return format.label(invoice.draft().creditNote() ? "title.creditNote" : "title.invoice");
    }

    void draw(PDDocument document, LayoutCanvas canvas) {
        float sellerBottom = seller(document, canvas);
        titleBlock(canvas);
        float buyerBottom = buyer(canvas);
        canvas.moveTo(Math.min(sellerBottom, buyerBottom) - 7 * MM);
        references(canvas);
    }

    private float seller(PDDocument document, LayoutCanvas canvas) {
        SellerProfile seller = invoice.seller();
        float y = TOP;
        Optional<PDImageXObject> logo = LayoutLogo.of(document, seller.logo());
        if (logo.isPresent()) {
            PDImageXObject image = logo.get();
            float scale = Math.min(LOGO_WIDTH / image.getWidth(), LOGO_HEIGHT / image.getHeight());
            float w = image.getWidth() * scale;
            float h = image.getHeight() * scale;
            canvas.image(image, LEFT, TOP - h, w, h);
            y = TOP - h - 5 * MM;
        }
        float line = 10.5f;
        for (String name : fonts.wrap(fonts.bold, 11, seller.legalName(), SELLER_WIDTH, 2)) {
            canvas.text(fonts.bold, 11, TEXT, LEFT, y - 11, name);
            y -= 13.5f;
        }
        List<String> lines = new ArrayList<>();
        add(lines, seller.tradingName());
        lines.addAll(address(seller.address(), false));
        add(
                lines,
                joined(
                        " \u00B7 ",
                        labelled(
                                french(seller.address()) ? "seller.siren" : "seller.legalId",
                                seller.siren()),
                        labelled("seller.siret", seller.siret())));
        add(lines, labelled("seller.vatId", seller.vatId()));
        add(lines, joined(" \u00B7 ", seller.email(), labelled("seller.phone", seller.phone())));
        y -= 1;
        for (String text : limit(lines, 9)) {
            canvas.left(fonts.regular, 8, MUTED, LEFT, y - 8, text, SELLER_WIDTH);
            y -= line;
        }
        return y;
    }

    private void titleBlock(LayoutCanvas canvas) {
        float width = WINDOW_WIDTH;
        canvas.right(fonts.bold, 20, ACCENT, RIGHT, TOP - 17, title(invoice, format), width);
        String number = format.label("number") + " " + invoice.number();
        canvas.right(fonts.bold, 10.5f, TEXT, RIGHT, TOP - 33, number, width);
    }

    private float buyer(LayoutCanvas canvas) {
        Buyer buyer = invoice.draft().buyer();
        float bottom = WINDOW_TOP - WINDOW_HEIGHT;
        float y = WINDOW_TOP;
        canvas.text(
                fonts.bold,
                LayoutStyle.SMALL,
                MUTED,
                WINDOW_LEFT,
                y - 7,
                fonts.printable(fonts.bold, format.label("billTo")));
        y -= 12;
        if (buyer == null) {
            return bottom;
        }
        for (String name : fonts.wrap(fonts.bold, 10, buyer.name(), WINDOW_WIDTH, 2)) {
            canvas.text(fonts.bold, 10, TEXT, WINDOW_LEFT, y - 10, name);
            y -= 12.5f;
        }
        List<String> lines = new ArrayList<>(address(buyer.address(), true));
        add(lines, labelled("buyer.vatId", buyer.vatId()));
        if (buyer.vatId().isEmpty()) {
            add(
                    lines,
                    labelled(
                            french(buyer.address()) ? "buyer.siren" : "buyer.legalId",
                            buyer.legalId()));
        }
        for (String text : lines) {
            if (y - 11.5f < bottom) {
                break;
            }
            canvas.left(fonts.regular, 9, TEXT, WINDOW_LEFT, y - 9, text, WINDOW_WIDTH);
            y -= 11.5f;
        }
        return Math.min(bottom, y);
    }

    private void references(LayoutCanvas canvas) {
        Draft draft = invoice.draft();
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {format.label("issueDate"), format.date(invoice.issueDate())});
        // the date of the sale or service, when it is not the issue date (French CGI, art. 242
        // nonies A; the CII carries it always)
        if (draft.deliveryDate() != null && !draft.deliveryDate().equals(invoice.issueDate())) {
            fields.add(
                    new String[] {format.label("deliveryDate"), format.date(draft.deliveryDate())});
        }
        if (invoice.dueDate() != null) {
            fields.add(new String[] {format.label("dueDate"), format.date(invoice.dueDate())});
        }
        if (draft.buyer() != null && !draft.buyer().buyerReference().isEmpty()) {
            fields.add(
                    new String[] {format.label("buyerReference"), draft.buyer().buyerReference()});
        }
        if (!draft.purchaseOrder().isEmpty()) {
            fields.add(new String[] {format.label("purchaseOrder"), draft.purchaseOrder()});
        }
        if (!draft.precedingInvoice().isEmpty()) {
            String value = draft.precedingInvoice();
            if (draft.precedingInvoiceDate() != null) {
                value =
                        format.label(
                                "correctedInvoiceOf",
                                value,
                                format.date(draft.precedingInvoiceDate()));
            }
            fields.add(new String[] {format.label("correctedInvoice"), value});
        }
        float column = WIDTH / fields.size();
        List<List<String>> values = new ArrayList<>();
        int lines = 1;
        for (String[] field : fields) {
            List<String> value = fonts.wrap(fonts.bold, 9, field[1], column - 12, 2);
            values.add(value);
            lines = Math.max(lines, value.size());
        }
        float height = 27 + (lines - 1) * 11;
        float top = canvas.y();
        canvas.fill(BAND, LEFT, top - height, WIDTH, height);
        for (int i = 0; i < fields.size(); i++) {
            float x = LEFT + 8 + i * column;
            canvas.left(
                    fonts.regular,
                    LayoutStyle.SMALL,
                    MUTED,
                    x,
                    top - 10,
                    fields.get(i)[0],
                    column - 12);
            float baseline = top - 21.5f;
            for (String line : values.get(i)) {
                canvas.text(fonts.bold, 9, TEXT, x, baseline, line);
                baseline -= 11;
            }
        }
        canvas.moveTo(top - height - 6 * MM);
    }

    /** Address lines; the country is named when it differs from the seller's, or always. */
    private List<String> address(Address address, boolean buyerSide) {
        List<String> lines = new ArrayList<>();
        if (address == null) {
            return lines;
        }
        add(lines, address.line1());
        add(lines, address.line2());
        add(lines, joined(" ", address.postcode(), address.city()));
        Address other =
                buyerSide
                        ? invoice.seller().address()
                        : invoice.draft().buyer() == null
                                ? null
                                : invoice.draft().buyer().address();
        if (other == null || !other.countryCode().equals(address.countryCode())) {
            add(lines, format.country(address.countryCode()));
        }
        return lines;
    }

    private static boolean french(Address address) {
        return address != null && "FR".equals(address.countryCode());
    }

    private String labelled(String key, String value) {
        return value == null || value.isEmpty() ? "" : format.label(key) + " " + value;
    }

    private static String joined(String separator, String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                present.add(part);
            }
        }
        return String.join(separator, present);
    }

    private static void add(List<String> lines, String text) {
        if (text != null && !text.isBlank()) {
            lines.add(text);
        }
    }

    private static List<String> limit(List<String> lines, int max) {
        return lines.size() <= max ? lines : lines.subList(0, max);
    }
}
