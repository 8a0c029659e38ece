package io.facteur.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** A user drops invoices on the upload page in a real browser and sees each one's fate. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UploadPageIT extends FacteurTestSupport {

    @Test
    public void droppedInvoicesAreReadValidatedAndShownInFrench() throws Exception {
        createDossier("navigateur");
        // the browser reads the files itself: give it real, normalised paths
        Path corpus = Path.of(System.getProperty("facteur.corpus")).toRealPath();
        List<String> files =
                List.of(
                        corpus.resolve("pdf/EN16931_Einfach.pdf").toString(),
                        corpus.resolve("ubl/01.01a-INVOICE_ubl.xml").toString(),
                        corpus.resolve("bad/corrupt-factur-x-waytoosmall.pdf").toString());
        String page =
                baseUrl().replace("http://", "http://" + ADMIN + ":" + PASSWORD + "@")
                        + "/facteur/#dossier=navigateur";
        try (Chromium browser = new Chromium("fr-FR")) {
            browser.open(page);
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#dossier option') ? 'yes' : ''")
                                    .equals("yes"),
                    30_000,
                    "the page to list the dossiers");
            // the user picks French in the page's language menu
            browser.eval(
                    "(() => { const s = document.querySelector('#language'); s.value = 'fr';"
                            + " s.dispatchEvent(new Event('change')); return 'ok'; })()");
            waitFor(
                    () ->
                            browser.eval(
                                            "document.querySelector('[data-i18n=invoices]').textContent")
                                    .equals("Factures"),
                    10_000,
                    "the page in French");

            browser.chooseFiles("#files", files);
            waitFor(
                    () ->
                            browser.eval(
                                            "[...document.querySelectorAll('#uploads .outcome')]"
                                                    + ".filter(e => e.textContent).length")
                                    .equals("3"),
                    30_000,
                    "three upload results");
            String outcomes =
                    browser.eval(
                            "[...document.querySelectorAll('#uploads .outcome')]"
                                    + ".map(e => e.textContent).join('|')");
            assertEquals(outcomes, 3, outcomes.split("acceptée", -1).length - 1);

            waitFor(
                    () ->
                            browser.eval(
                                            "[...document.querySelectorAll('#invoices tbody tr')]"
                                                    + ".filter(r => /prête|refusée|non conforme/.test(r.textContent)).length")
                                    .equals("3"),
                    60_000,
                    "all three read and checked");
            String rows =
                    browser.eval(
                            "[...document.querySelectorAll('#invoices tbody tr')]"
                                    + ".map(r => r.textContent).join('\\n')");
            assertTrue(rows, rows.matches("(?s).*prête.*471102.*|(?s).*471102.*prête.*"));
            assertTrue(rows, rows.contains("refusée"));

            browser.eval(
                    "[...document.querySelectorAll('#invoices tbody tr')]"
                            + ".find(r => r.textContent.includes('471102')).click()");
            waitFor(
                    () ->
                            !browser.eval("document.querySelector('#detail').hidden ? '' : 'shown'")
                                    .isEmpty(),
                    10_000,
                    "the invoice view");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#detail-number').textContent")
                                    .equals("471102"),
                    10_000,
                    "the invoice's number");
            assertEquals(
                    "Aucune anomalie.",
                    browser.eval("document.querySelector('#detail-findings').textContent"));
            assertTrue(
                    browser.eval("document.querySelector('#detail-fields').textContent")
                            .contains("Lieferant GmbH"));
            // received, detect, read, validate, then the duplicate check and the archive
            assertTrue(
                    Integer.parseInt(
                                    browser.eval(
                                            "document.querySelectorAll('#detail-timeline li').length"))
                            >= 4);
            // the timeline is in the page's language too
            String timeline =
                    browser.eval("document.querySelector('#detail-timeline').textContent");
            assertTrue(timeline, timeline.contains("Reçu") && timeline.contains("Format reconnu"));

            browser.chooseFiles("#files", List.of(files.get(1)));
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#uploads .outcome').textContent")
                                    .startsWith("déjà reçue"),
                    30_000,
                    "the second drop to be recognised");
        }
    }

    @Test
    public void anInvoiceIsSentByPostAndItsCustomerCorrectedInTheDirectory() throws Exception {
        createDossier("envois");
        Path corpus = Path.of(System.getProperty("facteur.corpus")).toRealPath();
        String page =
                baseUrl().replace("http://", "http://" + ADMIN + ":" + PASSWORD + "@")
                        + "/facteur/#dossier=envois";
        try (Chromium browser = new Chromium("fr-FR")) {
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
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#customers-title').textContent")
                                    .equals("Clients"),
                    10_000,
                    "the page in French");
            browser.chooseFiles(
                    "#files", List.of(corpus.resolve("pdf/EN16931_Einfach.pdf").toString()));
            waitFor(
                    () ->
                            browser.eval(
                                            "[...document.querySelectorAll('#invoices tbody tr')]"
                                                    + ".filter(r => /prête/.test(r.textContent)"
                                                    + " && /471102/.test(r.textContent)).length")
                                    .equals("1"),
                    60_000,
                    "the invoice read and checked");
            browser.eval(
                    "[...document.querySelectorAll('#invoices tbody tr')]"
                            + ".find(r => r.textContent.includes('471102')).click()");
            // the installed channels by their French names, the customer the directory made of the
            // buyer, nothing sent yet
            waitFor(
                    () ->
                            browser.eval(
                                            "(document.querySelector('#send-channel"
                                                    + " option[value=\"delivery.postal\"]') || {}).textContent")
                                    .equals("Courrier postal (imprimeur)"),
                    10_000,
                    "the postal channel in the menu");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#customer-link').textContent")
                                    .equals("Kunden AG Mitte"),
                    10_000,
                    "the link to the invoice's customer");
            waitFor(
                    () ->
                            browser.eval(
                                            "document.querySelector('#no-deliveries').hidden"
                                                    + " || document.querySelector('#send').disabled ? ''"
                                                    + " : document.querySelector('#no-deliveries').textContent")
                                    .equals("Pas encore envoyée."),
                    10_000,
                    "the invoice not sent yet");

            browser.eval(
                    "(() => { document.querySelector('#send-channel').value = 'delivery.postal';"
                            + " document.querySelector('#send').click(); return 'ok'; })()");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#send-outcome').textContent")
                                    .equals("Envoi demandé : Courrier postal (imprimeur)."),
                    10_000,
                    "the send to be queued");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#detail-status').textContent")
                                    .equals("postée"),
                    30_000,
                    "the invoice handed to the print service");
            // the deliveries table follows the delivery until it is done
            waitFor(
                    () -> {
                        String delivery =
                                browser.eval(
                                        "[...document.querySelectorAll('#deliveries tbody tr')]"
                                                + ".map(r => [...r.cells].map(c => c.textContent).join('|'))"
                                                + ".join('\\n')");
                        return delivery.startsWith(
                                        "Courrier postal (imprimeur)|postée|Kunden AG Mitte")
                                && delivery.contains("Frankfurt");
                    },
                    30_000,
                    "the delivery shown as posted, to Frankfurt");
            assertEquals(
                    "Envoyer à nouveau",
                    browser.eval("document.querySelector('#send').textContent"));

            // the customer's form from the invoice: a wrong address is refused next to its field
            browser.eval("document.querySelector('#customer-link').click()");
            waitFor(
                    () ->
                            browser.eval(
                                            "document.querySelector('#customer-form').hidden ? '' : 'y'")
                                    .equals("y"),
                    10_000,
                    "the customer's form");
            assertEquals("Frankfurt", browser.eval("document.querySelector('#c-city').value"));
            browser.eval(
                    "(() => { document.querySelector('#c-emails').value ="
                            + " 'compta@kunden.example, pas-une-adresse';"
                            + " document.querySelector('#customer-save').click(); return 'ok'; })()");
            waitFor(
                    () ->
                            browser.eval(
                                            "document.querySelector('.field-error[data-for=emails]')"
                                                    + ".textContent")
                                    .endsWith("Non valable : pas-une-adresse"),
                    10_000,
                    "the e-mail error next to its field");
            browser.eval(
                    "(() => { document.querySelector('#c-emails').value = 'compta@kunden.example';"
                            + " document.querySelector('#c-language').value = 'de';"
                            + " document.querySelector('#customer-save').click(); return 'ok'; })()");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#customer-outcome').textContent")
                                    .equals("Enregistré."),
                    10_000,
                    "the customer saved");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#customers tbody').textContent")
                                    .contains("compta@kunden.example"),
                    10_000,
                    "the directory to show the new address");
            JsonNode customer = get("/api/dossiers/envois/customers?q=Kunden").json().get(0);
            assertEquals("compta@kunden.example", customer.get("emails").get(0).asText());
            assertEquals("de", customer.get("language").asText());

            // a send the dossier's rules refuse: the reason line says why, nothing is queued
            browser.chooseFiles(
                    "#files",
                    List.of(corpus.resolve("bad/corrupt-factur-x-waytoosmall.pdf").toString()));
            waitFor(
                    () -> get("/api/dossiers/envois/invoices?status=REJECTED").json().size() == 1,
                    30_000,
                    "the unreadable file to be rejected");
            String rejected =
                    get("/api/dossiers/envois/invoices?status=REJECTED")
                            .json()
                            .get(0)
                            .get("id")
                            .asText();
            browser.eval(
                    "(() => { location.hash = '#dossier=envois&invoice="
                            + rejected
                            + "';"
                            + " return 'ok'; })()");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#detail-status').textContent")
                                    .equals("refusée"),
                    10_000,
                    "the rejected invoice");
            // its deliveries loaded: none, a first send (no "send again" question)
            waitFor(
                    () ->
                            browser.eval(
                                            "document.querySelector('#send').disabled ? ''"
                                                    + " : document.querySelector('#send').textContent")
                                    .equals("Envoyer"),
                    10_000,
                    "the send button of an invoice never sent");
            browser.eval("document.querySelector('#send').click()");
            waitFor(
                    () ->
                            browser.eval("document.querySelector('#send-outcome').textContent")
                                    .equals("Envoi refusé"),
                    10_000,
                    "the refusal");
            String reason = browser.eval("document.querySelector('#detail-reason').textContent");
            assertTrue(reason, reason.startsWith("Non envoyée"));
            assertEquals(
                    0,
                    get("/api/dossiers/envois/invoices/" + rejected + "/deliveries").json().size());
        }
    }
}
