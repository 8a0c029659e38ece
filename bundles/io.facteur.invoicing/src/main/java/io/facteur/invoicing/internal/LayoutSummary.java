package io.facteur.invoicing.internal;

import static io.facteur.invoicing.internal.LayoutStyle.ACCENT;
import static io.facteur.invoicing.internal.LayoutStyle.LEFT;
import static io.facteur.invoicing.internal.LayoutStyle.MM;
import static io.facteur.invoicing.internal.LayoutStyle.MUTED;
import static io.facteur.invoicing.internal.LayoutStyle.RIGHT;
import static io.facteur.invoicing.internal.LayoutStyle.RULE;
import static io.facteur.invoicing.internal.LayoutStyle.TEXT;
import static io.facteur.invoicing.internal.LayoutStyle.WIDTH;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What follows the lines: document allowances and charges, the VAT breakdown beside the totals
 * ({@link LayoutTaxes}), then how to pay and the notes. Each block is kept on one page when it can
 * be.
 */
final class LayoutSummary {
    private static final float ROW = 12.5f;
    private static final float LABEL = 105;
    private static final float LINE = 11;

    private final IssuedInvoice invoice;
    private final LayoutFonts fonts;
    private final LayoutFormat format;
    private final float vatRight;

    LayoutSummary(IssuedInvoice invoice, LayoutFonts fonts, LayoutFormat format, float vatRight) {
        this.vatRight = vatRight;
        this.invoice = invoice;
        this.fonts = fonts;
        this.format = format;
    }

    void draw(LayoutCanvas canvas) {
        adjustments(canvas);
        new LayoutTaxes(invoice, fonts, format).draw(canvas);
        payment(canvas);
        notes(canvas);
    }

    private void adjustments(LayoutCanvas canvas) {
        List<DocumentAdjustment> adjustments = invoice.draft().adjustments();
        if (adjustments.isEmpty()) {
            return;
        }
        canvas.ensure(18 + ROW);
        heading(canvas, "adjustments.title");
        float reasonWidth = vatRight - LEFT - 60;
        for (DocumentAdjustment adjustment : adjustments) {
            String kind =
                    format.label(
                            adjustment.charge() ? "adjustments.charge" : "adjustments.allowance");
            String text =
                    adjustment.reason().isEmpty()
                            ? kind
                            : format.label("adjustments.reason", kind, adjustment.reason());
            List<String> lines = fonts.wrap(fonts.regular, 8.5f, text, reasonWidth, 3);
            float height = lines.size() * ROW + 3;
            canvas.ensure(height);
            float baseline = canvas.y() - 9;
            String rate =
                    adjustment.vatRate() == null
                            ? adjustment.vatCategory()
                            : format.rate(adjustment.vatRate());
            canvas.right(fonts.regular, 8.5f, TEXT, vatRight, baseline, rate, 40);
            BigDecimal amount =
                    adjustment.amount() == null
                            ? null
                            : adjustment.charge()
                                    ? adjustment.amount()
                                    : adjustment.amount().negate();
            canvas.right(fonts.bold, 8.5f, TEXT, RIGHT - 4, baseline, format.amount(amount), 80);
            for (String line : lines) {
                canvas.text(fonts.regular, 8.5f, TEXT, LEFT + 4, baseline, line);
                baseline -= ROW;
            }
            canvas.down(height);
            canvas.rule(RULE, 0.4f, LEFT, canvas.y(), RIGHT);
        }
        canvas.down(5 * MM);
    }

    private void payment(LayoutCanvas canvas) {
        SellerProfile seller = invoice.seller();
        Draft draft = invoice.draft();
        List<String[]> terms = new ArrayList<>();
        if (invoice.dueDate() != null) {
            terms.add(row("payment.dueDate", format.date(invoice.dueDate())));
        }
        if (!draft.paymentTermsText().isEmpty()) {
            terms.add(row("payment.terms", draft.paymentTermsText()));
        }
        terms.add(row("payment.means", format.paymentMeans(draft.paymentMeansCode())));
        List<String[]> bank = new ArrayList<>();
        if (!seller.iban().isEmpty()) {
            bank.add(row("payment.iban", grouped(seller.iban())));
        }
        if (!seller.bic().isEmpty()) {
            bank.add(row("payment.bic", seller.bic()));
        }
        if (!seller.iban().isEmpty()) {
            bank.add(row("payment.reference", invoice.number()));
        }
        float column = bank.isEmpty() ? WIDTH : (WIDTH - 20) / 2;
        List<List<String>> termLines = values(terms, column);
        List<List<String>> bankLines = values(bank, column);
        float height = 15 + Math.max(height(termLines), height(bankLines));
        canvas.keep(height);
        heading(canvas, "payment.title");
        float top = canvas.y();
        rows(canvas, LEFT, top, terms, termLines, column);
        rows(canvas, LEFT + column + 20, top, bank, bankLines, column);
        canvas.moveTo(top - (height - 15) - 5 * MM);
    }

    private void notes(LayoutCanvas canvas) {
        List<String> notes = invoice.draft().notes().stream().filter(n -> !n.isBlank()).toList();
        if (notes.isEmpty()) {
            return;
        }
        canvas.ensure(18 + ROW);
        heading(canvas, "notes.title");
        for (String note : notes) {
            for (String line : fonts.wrap(fonts.regular, 8.5f, note, WIDTH)) {
                canvas.ensure(11);
                canvas.text(fonts.regular, 8.5f, TEXT, LEFT, canvas.y() - 8.5f, line);
                canvas.down(11);
            }
            canvas.down(3);
        }
    }

    private String[] row(String key, String value) {
        return new String[] {format.label(key), value};
    }

    private List<List<String>> values(List<String[]> rows, float column) {
        List<List<String>> values = new ArrayList<>();
        for (String[] row : rows) {
            values.add(fonts.wrap(fonts.regular, 8.5f, row[1], column - LABEL, 4));
        }
        return values;
    }

    private static float height(List<List<String>> values) {
        float height = 0;
        for (List<String> lines : values) {
            height += Math.max(1, lines.size()) * LINE;
        }
        return height;
    }

    /** Label/value rows in a column, values wrapped beside their label. */
    private void rows(
            LayoutCanvas canvas,
            float x,
            float top,
            List<String[]> rows,
            List<List<String>> values,
            float column) {
        float y = top;
        for (int i = 0; i < rows.size(); i++) {
            canvas.left(fonts.regular, 8.5f, MUTED, x, y - 8.5f, rows.get(i)[0], LABEL - 8);
            for (String line : values.get(i)) {
                canvas.text(fonts.regular, 8.5f, TEXT, x + LABEL, y - 8.5f, line);
                y -= LINE;
            }
            if (values.get(i).isEmpty()) {
                y -= LINE;
            }
        }
    }

    private void heading(LayoutCanvas canvas, String key) {
        canvas.left(fonts.bold, 9, ACCENT, LEFT, canvas.y() - 9, format.label(key), WIDTH);
        canvas.down(15);
    }

    private static String grouped(String iban) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(iban, i, Math.min(iban.length(), i + 4));
        }
        return out.toString();
    }
}
