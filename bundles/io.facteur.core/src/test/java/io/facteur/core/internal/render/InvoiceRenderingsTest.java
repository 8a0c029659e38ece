package io.facteur.core.internal.render;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Capability;
import io.facteur.api.Document;
import io.facteur.api.InvoiceRenderer;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.core.internal.inbox.DerivedStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvoiceRenderingsTest {
    private static final String SHA = "ab".repeat(32);
    private static final String OTHER_SHA = "cd".repeat(32);
    private static final Syntax CII = new Syntax("CII", "");
    private static final Document XML =
            new Document("f.xml", "application/xml", "<x/>".getBytes(UTF_8));

    @TempDir Path folder;
    private DerivedStore derived;
    private InvoiceRenderings renderings;

    @BeforeEach
    void renderings() throws IOException {
        derived = new DerivedStore(folder);
        renderings = new InvoiceRenderings(derived);
    }

    @Test
    void aSecondRequestIsAnsweredFromTheKeptRendering() throws Exception {
        Labels renderer = new Labels("CII");
        renderings.addRenderer(renderer, id("render.labels"));

        byte[] first = renderings.pdf(SHA, XML, CII, Locale.FRENCH).orElseThrow();
        byte[] second = renderings.pdf(SHA, XML, CII, Locale.FRENCH).orElseThrow();

        assertThat(new String(first, UTF_8)).isEqualTo("%PDF-1.7 fr f.xml");
        assertThat(second).isEqualTo(first);
        assertThat(renderer.calls).hasValue(1);
        assertThat(derived.rendering(SHA, "fr"))
                .hasValueSatisfying(pdf -> assertThat(pdf).isEqualTo(first));
    }

    @Test
    void eachLanguageAndEachDocumentIsLaidOutOnItsOwn() throws Exception {
        Labels renderer = new Labels("CII");
        renderings.addRenderer(renderer, id("render.labels"));

        byte[] french = renderings.pdf(SHA, XML, CII, Locale.FRENCH).orElseThrow();
        byte[] german = renderings.pdf(SHA, XML, CII, Locale.GERMAN).orElseThrow();
        renderings.pdf(OTHER_SHA, XML, CII, Locale.FRENCH).orElseThrow();

        assertThat(new String(german, UTF_8)).isEqualTo("%PDF-1.7 de f.xml");
        assertThat(german).isNotEqualTo(french);
        assertThat(renderer.calls).hasValue(3);
    }

    @Test
    void withoutARendererForTheSyntaxThereIsNone() throws Exception {
        renderings.addRenderer(new Labels("UBL"), id("render.ubl"));

        assertThat(renderings.pdf(SHA, XML, CII, Locale.FRENCH)).isEmpty();
    }

    @Test
    void followsRenderersAsTheyComeAndGo() throws Exception {
        Labels renderer = new Labels("CII");
        assertThat(renderings.pdf(SHA, XML, CII, Locale.FRENCH)).isEmpty();

        renderings.addRenderer(renderer, id("render.labels"));
        assertThat(renderings.pdf(SHA, XML, CII, Locale.ENGLISH)).isPresent();

        renderings.removeRenderer(renderer, id("render.labels"));
        assertThat(renderings.pdf(SHA, XML, CII, Locale.GERMAN)).isEmpty();
        // what was laid out while it was there is still kept
        assertThat(renderings.pdf(SHA, XML, CII, Locale.ENGLISH)).isPresent();
    }

    @Test
    void asksTheRenderersInTheOrderOfTheirIds() throws Exception {
        Labels second = new Labels("CII");
        Labels first = new Labels("CII");
        renderings.addRenderer(second, id("render.zeta"));
        renderings.addRenderer(first, id("render.alpha"));

        renderings.pdf(SHA, XML, CII, Locale.FRENCH);

        assertThat(first.calls).hasValue(1);
        assertThat(second.calls).hasValue(0);
    }

    @Test
    void aRendererThatFailsToAnswerIsPassedOver() throws Exception {
        renderings.addRenderer(
                new Labels("CII") {
                    @Override
                    public boolean renders(Syntax syntax) {
                        throw new IllegalStateException("broken");
                    }
                },
                id("render.broken"));
        renderings.addRenderer(new Labels("CII"), id("render.labels"));

        assertThat(renderings.pdf(SHA, XML, CII, Locale.FRENCH)).isPresent();
    }

    @Test
    void anUnreadableInvoiceIsReportedAndNothingIsKept() throws Exception {
        renderings.addRenderer(
                new Labels("CII") {
                    @Override
                    public Document render(Document xml, Syntax syntax, Locale locale)
                            throws UnreadableInvoiceException {
                        throw new UnreadableInvoiceException("no lines");
                    }
                },
                id("render.labels"));

        assertThatThrownBy(() -> renderings.pdf(SHA, XML, CII, Locale.FRENCH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessage("no lines");
        assertThat(derived.rendering(SHA, "fr")).isEmpty();
    }

    @Test
    void somethingThatIsNoPdfIsNeitherServedNorKept() throws Exception {
        renderings.addRenderer(
                new Labels("CII") {
                    @Override
                    public Document render(Document xml, Syntax syntax, Locale locale) {
                        return new Document("x.html", "text/html", "<html>".getBytes(UTF_8));
                    }
                },
                id("render.html"));

        assertThatThrownBy(() -> renderings.pdf(SHA, XML, CII, Locale.FRENCH))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("render.html");
        assertThat(derived.rendering(SHA, "fr")).isEmpty();
    }

    @Test
    void atMostTwoLayOutAtOnceAndTheSameDocumentOnlyOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Labels slow =
                new Labels("CII") {
                    @Override
                    public Document render(Document xml, Syntax syntax, Locale locale)
                            throws UnreadableInvoiceException {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                            release.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        running.decrementAndGet();
                        return super.render(xml, syntax, locale);
                    }
                };
        renderings.addRenderer(slow, id("render.slow"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Optional<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> renderings.pdf(SHA, XML, CII, Locale.FRENCH)));
            }
            Thread.sleep(300);
            release.countDown();
            for (Future<Optional<byte[]>> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isLessThanOrEqualTo(InvoiceRenderings.PARALLEL);
        // the requests that waited found the rendering kept by the first ones
        assertThat(slow.calls.get()).isLessThanOrEqualTo(InvoiceRenderings.PARALLEL);
    }

    @Test
    void recognisesAPdfByItsFirstBytes() {
        assertThat(InvoiceRenderings.isPdf("%PDF-1.4\n".getBytes(UTF_8))).isTrue();
        assertThat(InvoiceRenderings.isPdf("%PDF".getBytes(UTF_8))).isFalse();
        assertThat(InvoiceRenderings.isPdf(" %PDF-1.4".getBytes(UTF_8))).isFalse();
        assertThat(InvoiceRenderings.isPdf("<?xml version=\"1.0\"?>".getBytes(UTF_8))).isFalse();
        assertThat(InvoiceRenderings.isPdf(new byte[0])).isFalse();
    }

    private static Map<String, Object> id(String capability) {
        return Map.of(Capability.ID, capability);
    }

    /** A renderer whose "PDF" says its language and the file it was given. */
    private static class Labels implements InvoiceRenderer {
        private final String syntax;
        final AtomicInteger calls = new AtomicInteger();

        Labels(String syntax) {
            this.syntax = syntax;
        }

        @Override
        public boolean renders(Syntax s) {
            return syntax.equals(s.syntax());
        }

        @Override
        public Document render(Document xml, Syntax s, Locale locale)
                throws UnreadableInvoiceException {
            calls.incrementAndGet();
            return new Document(
                    "f.pdf",
                    "application/pdf",
                    ("%PDF-1.7 " + locale.getLanguage() + " " + xml.fileName()).getBytes(UTF_8));
        }
    }
}
