package io.facteur.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
                        + "/facteur/";
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
}
