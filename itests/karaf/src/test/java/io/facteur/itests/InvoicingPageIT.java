package io.facteur.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A user writes an invoice on the page in a real browser: the buyer, two lines with their live
 * totals, issuing (refused while the seller profile is not filled in), the seller profile, issuing
 * again (accepted, with its number) and the Factur-X downloaded from the page.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InvoicingPageIT extends FacteurTestSupport {
    private static final Pattern STREAM =
            Pattern.compile("/FlateDecode[^>]*>>\\s*stream\\r?\\n", Pattern.DOTALL);

    @Test
    public void anInvoiceIsWrittenIssuedAndDownloadedOnThePage() throws Exception {
        createDossier("facturation");
        String page =
                baseUrl().replace("http://", "http://" + ADMIN + ":" + PASSWORD + "@")
                        + "/facteur/#dossier=facturation";
        try (Chromium browser = new Chromium("fr-FR")) {
            browser.call(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1300, "height", 2400, "deviceScaleFactor", 1, "mobile", false));
            browser.open(page);
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#dossier option') ? 'yes' : ''")
                                    .equals("yes"),
                    30_000,
                    "the page to list the dossiers");
            browser.eval(
                    "(() => { const s = document.querySelector('#language'); s.value = 'fr';"
                            + " s.dispatchEvent(new Event('change')); return 'ok'; })()");
            // the section is there because the invoicing capability is installed
            waitFor(
                    () ->
                            browser.eval(
                                            "document.querySelector('#invoicing-section').hidden ? ''"
                                                    + " : document.querySelector('#invoicing-title').textContent")
                                    .equals("Créer des factures"),
                    30_000,
                    "the invoicing section in French");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#inv-seller-state').textContent")
                                    .equals("à compléter avant d'émettre"),
                    10_000,
                    "the seller profile still to complete");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#n-preview').textContent")
                                    .matches("Prochain numéro : F\\d{4}-00001"),
                    10_000,
                    "the next number's preview");

            // a new invoice: the buyer typed, two lines, the totals computed as the user types
            browser.eval("document.querySelector('#inv-new').click()");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#inv-editor').hidden ? '' : 'y'")
                                    .equals("y"),
                    10_000,
                    "the invoice editor");
            assertEquals(
                    "Nouvelle facture",
                    browser.eval("document.querySelector('#inv-editor-title').textContent"));
            type(
                    browser,
                    Map.of(
                            "#b-name", "Boulangerie Martin SARL",
                            "#b-legalId", "552120222",
                            "#b-vatId", "FR27552120222",
                            "#b-line1", "12 place du Marché",
                            "#b-postcode", "69002",
                            "#b-city", "Lyon",
                            "#b-countryCode", "FR",
                            "#b-email", "compta@boulangerie.example"));
            type(
                    browser,
                    Map.of(
                            "#inv-lines-0-description", "Conseil en facturation électronique",
                            "#inv-lines-0-quantity", "2",
                            "#inv-lines-0-unit", "HUR",
                            "#inv-lines-0-unitPrice", "450,00"));
            browser.eval("document.querySelector('#inv-add-line').click()");
            waitFor(
                    () ->
                            browser.eval(
                                            "document.querySelector('#inv-lines-1-description') ? 'y' : ''")
                                    .equals("y"),
                    10_000,
                    "a second line");
            assertEquals(
                    "Ligne 2 — Désignation",
                    browser.eval(
                            "document.querySelector('#inv-lines-1-description')"
                                    + ".getAttribute('aria-label')"));
            type(
                    browser,
                    Map.of(
                            "#inv-lines-1-description", "Licence annuelle",
                            "#inv-lines-1-quantity", "1",
                            "#inv-lines-1-unitPrice", "1200"));
            // 2 × 450 + 1200 = 2100 without VAT, 420 of VAT at 20 %: 2520 to pay
            waitFor(
                    () -> digits(browser, "#inv-total-payable").equals("2520,00"),
                    15_000,
                    "the live totals");
            assertEquals("2100,00", digits(browser, "#inv-total-taxExclusive"));
            assertEquals("420,00", digits(browser, "#inv-total-taxTotal"));
            assertEquals(
                    "900,00|1200,00",
                    browser.eval(
                            "[...document.querySelectorAll('#inv-lines output.net')]"
                                    + ".map(o => o.textContent.replace(/[^0-9,]/g, '')).join('|')"));
            String payable =
                    browser.eval("document.querySelector('#inv-total-payable').textContent");
            assertTrue(payable, payable.endsWith("€"));

            // issuing before the seller profile is filled in: refused, and said on top
            browser.eval(
                    "window.confirm = () => true;"
                            + " document.querySelector('#inv-issue').click(); 'ok'");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#inv-outcome').textContent")
                                    .startsWith("Pas encore émissible"),
                    15_000,
                    "the refusal to issue");
            assertTrue(
                    browser.eval("document.querySelector('#inv-problem-list').textContent"),
                    browser.eval("document.querySelector('#inv-problem-list').textContent")
                            .contains("Profil du vendeur"));
            // said next to the profile's fields too (an unconfigured profile: its first field)
            assertEquals(
                    "yes",
                    browser.eval(
                            "document.querySelector('#inv-profile-form [aria-invalid=true]')"
                                    + " ? 'yes' : ''"));
            assertEquals(
                    "inv-problems-title",
                    browser.eval("document.activeElement && document.activeElement.id"));
            // the draft was saved on the way
            assertEquals(
                    1,
                    get("/api/dossiers/facturation/invoicing/documents?state=DRAFT").json().size());

            // the seller profile, filled on the page
            browser.eval("document.querySelector('#inv-seller').open = true; 'ok'");
            type(
                    browser,
                    Map.of(
                            "#p-legalName", "Atelier Facteur SAS",
                            "#p-siren", "732829320",
                            "#p-siret", "73282932000074",
                            "#p-vatId", "FR44732829320",
                            "#p-line1", "1 rue de la Poste",
                            "#p-postcode", "69001",
                            "#p-city", "Lyon",
                            "#p-countryCode", "FR",
                            "#p-email", "factures@atelier.example",
                            "#p-iban", "FR7630006000011234567890189"));
            type(
                    browser,
                    Map.of(
                            "#p-bic", "AGRIFRPP",
                            "#p-latePaymentText",
                                    "Pénalités au taux de trois fois le taux d'intérêt légal ;"
                                            + " indemnité forfaitaire de recouvrement de 40 €.",
                            "#p-termKind", "DAYS",
                            "#p-termDays", "30"));
            browser.eval("document.querySelector('#inv-profile-save').click()");
            waitFor(
                    () ->
                            browser.eval(
                                            "document.querySelector('#inv-profile-outcome').textContent")
                                    .equals("Enregistré."),
                    15_000,
                    "the seller profile saved");
            assertEquals(
                    "complet",
                    browser.eval("document.querySelector('#inv-seller-state').textContent"));
            JsonNode profile = get("/api/dossiers/facturation/invoicing/profile").json();
            assertTrue(profile.toString(), profile.get("configured").asBoolean());
            assertEquals("Atelier Facteur SAS", profile.get("profile").get("legalName").asText());

            // issued: its number, shown in the editor and in the list
            browser.eval(
                    "window.confirm = () => true;"
                            + " document.querySelector('#inv-issue').click(); 'ok'");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#inv-editor-number').textContent")
                                    .matches("F\\d{4}-00001"),
                    30_000,
                    "the issued invoice's number");
            String number =
                    browser.eval("document.querySelector('#inv-editor-number').textContent");
            assertEquals(
                    "Facture " + number + " émise.",
                    browser.eval("document.querySelector('#inv-outcome').textContent"));
            String state = browser.eval("document.querySelector('#inv-editor-state').textContent");
            assertTrue(state, state.equals("émise") || state.equals("transmise"));
            assertEquals(
                    "true", browser.eval("String(document.querySelector('#inv-fields').disabled)"));
            waitFor(
                    () ->
                            browser.eval(
                                            "[...document.querySelectorAll('#inv-documents tbody tr')]"
                                                    + ".map(r => r.textContent).join('\\n')")
                                    .contains(number),
                    10_000,
                    "the list to show the issued invoice");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#n-preview').textContent")
                                    .matches("Prochain numéro : F\\d{4}-00002"),
                    10_000,
                    "the next number moved on");

            // the Factur-X, fetched as the page's link gives it
            String fetched =
                    browser.eval(
                            "fetch(document.querySelector('#inv-pdf').href).then(async r => {"
                                    + " const b = new Uint8Array(await r.arrayBuffer()); let s = '';"
                                    + " for (let i = 0; i < b.length; i += 8192)"
                                    + " s += String.fromCharCode(...b.subarray(i, i + 8192));"
                                    + " return r.status + '|' + (r.headers.get('Content-Disposition') || '')"
                                    + " + '|' + btoa(s); })");
            String[] parts = fetched.split("\\|", 3);
            assertEquals(
                    fetched.length() > 200 ? fetched.substring(0, 200) : fetched, "200", parts[0]);
            if (state.equals("émise")) {
                // issued here (not handed to the pipeline, which keeps its own original)
                assertTrue(parts[1], parts[1].contains(number + ".pdf"));
            }
            byte[] pdf = Base64.getDecoder().decode(parts[2]);
            assertTrue(
                    new String(pdf, 0, Math.min(pdf.length, 8), StandardCharsets.ISO_8859_1),
                    new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-"));
            assertTrue("no factur-x.xml in the PDF", contains(pdf, "factur-x.xml"));

            Path target = Path.of("target");
            Files.createDirectories(target);
            String png =
                    browser.call(
                                    "Page.captureScreenshot",
                                    Map.of("format", "png", "captureBeyondViewport", true))
                            .get("data")
                            .asText();
            Files.write(target.resolve("invoicing-page.png"), Base64.getDecoder().decode(png));
        }
    }

    /**
     * Types into the fields as a user does: each value set, then the events the page listens to.
     */
    private static void type(Chromium browser, Map<String, String> values) throws Exception {
        for (Map.Entry<String, String> v : values.entrySet()) {
            browser.eval(
                    "(() => { const e = document.querySelector("
                            + JSON.writeValueAsString(v.getKey())
                            + "); e.focus(); e.value = "
                            + JSON.writeValueAsString(v.getValue())
                            + "; e.dispatchEvent(new Event('input', { bubbles: true }));"
                            + " e.dispatchEvent(new Event('change', { bubbles: true }));"
                            + " return 'ok'; })()");
        }
    }

    /** An amount as shown, with only its digits and decimal comma ("2 520,00 €" gives 2520,00). */
    private static String digits(Chromium browser, String selector) throws Exception {
        return browser.eval(
                "(document.querySelector('"
                        + selector
                        + "') || { textContent: '' }).textContent.replace(/[^0-9,]/g, '')");
    }

    /** True when the text is in the PDF: as written, or inside one of its compressed streams. */
    private static boolean contains(byte[] pdf, String text) {
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        if (raw.contains(text)) {
            return true;
        }
        Matcher stream = STREAM.matcher(raw);
        while (stream.find()) {
            Inflater inflater = new Inflater();
            inflater.setInput(pdf, stream.end(), pdf.length - stream.end());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            try {
                while (!inflater.finished()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    out.write(buffer, 0, n);
                }
            } catch (DataFormatException e) {
                // not a stream this test can read: the next one
            } finally {
                inflater.end();
            }
            if (out.toString(StandardCharsets.ISO_8859_1).contains(text)) {
                return true;
            }
        }
        return false;
    }
}
