package io.facteur.delivery.mail.internal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.facteur.api.DeliveryChannel.Delivery;
import io.facteur.api.DeliveryChannel.Receipt;
import io.facteur.api.DeliveryChannel.Recipient;
import io.facteur.api.DeliveryChannel.Status;
import io.facteur.api.Document;
import io.facteur.api.invoice.DocumentTotals;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Sends the same invoice mails, each with a corpus Factur-X PDF, to a local SMTP server in this
 * process: (a) a bare Angus Mail loop that builds each message and sends it over a Transport of its
 * own, as the channel does per delivery, and (b) {@link MailChannel#send}. Alternating rounds, a
 * warm-up first; prints msgs/s and the median ratio (b)/(a) against the target 0.8.
 *
 * <p>System properties: {@code bench.corpus} ({@code ../shared/corpus}), {@code bench.pdf} ({@code
 * pdf/EN16931_Einfach.pdf}), {@code bench.messages} (1000), {@code bench.warmup} (2 rounds of
 * each), {@code bench.rounds} (10 of each), {@code bench.slice} (50: mails per slice of a round,
 * the sides alternate by slice; 1000 alternates whole rounds), {@code bench.server} ({@code sink},
 * or {@code greenmail}), {@code bench.quickAck} ({@code true}, see the sink).
 */
public final class MailBenchmark {
    private static final double TARGET = 0.8;
    private static final String FROM = "factures@acme.test";
    private static final String FROM_NAME = "ACME Facturation";
    private static final String REPLY_TO = "compta@acme.test";
    private static final String TO = "client@customer.test";
    private static final String SELLER = "ACME SARL";
    private static final String BOUNCES = "bounces@facteur.test";
    private static final LocalDate DUE = LocalDate.of(2026, 12, 15);
    private static final BigDecimal AMOUNT = new BigDecimal("1234.50");

    private MailBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(System.getProperty("bench.corpus", "../shared/corpus"));
        String pdfName = System.getProperty("bench.pdf", "pdf/EN16931_Einfach.pdf");
        int messages = Integer.getInteger("bench.messages", 1000);
        int warmup = Integer.getInteger("bench.warmup", 2);
        int rounds = Integer.getInteger("bench.rounds", 10);
        String serverKind = System.getProperty("bench.server", "sink");
        int slice = Math.max(1, Integer.getInteger("bench.slice", 50));

        byte[] pdf = Files.readAllBytes(corpus.resolve(pdfName));
        List<Delivery> deliveries = deliveries(messages, Path.of(pdfName).getFileName(), pdf);

        try (Server server =
                serverKind.equals("greenmail") ? new GreenMailServer() : new SinkServer()) {
            Map<String, Object> values = new HashMap<>();
            values.put("smtpHost", "127.0.0.1");
            values.put("smtpPort", server.port());
            values.put("smtpSecurity", "NONE");
            values.put("connectTimeoutSeconds", 10);
            values.put("readTimeoutSeconds", 60);
            values.put("senderAddress", "noreply@facteur.test");
            values.put("bounceAddress", BOUNCES);
            MailSettings settings = settings(values);
            MailChannel channel = new MailChannel(settings);
            Bare bare = new Bare(settings);

            System.out.printf(
                    Locale.ROOT,
                    "E-mail delivery: %d mails of %s (%,d bytes) to %s on 127.0.0.1:%d, slices of %d,"
                            + " JDK %s, %d cores%n",
                    messages,
                    pdfName,
                    pdf.length,
                    server.name(),
                    server.port(),
                    slice,
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            Send a = bare::send;
            Send b = d -> check(channel.send(d));
            for (int i = 0; i < warmup; i++) {
                pair("warm-up " + (i + 1), server, deliveries, slice, a, b);
            }
            double[] rateA = new double[rounds];
            double[] rateB = new double[rounds];
            double[] ratios = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                double[] rates = pair("round " + (i + 1), server, deliveries, slice, a, b);
                rateA[i] = rates[0];
                rateB[i] = rates[1];
                ratios[i] = rates[1] / rates[0];
            }
            double median = median(ratios);
            System.out.printf(
                    Locale.ROOT,
                    "%n(a) bare Angus Mail: median %.0f msgs/s (min %.0f, max %.0f)%n"
                            + "(b) MailChannel.send: median %.0f msgs/s (min %.0f, max %.0f)%n"
                            + "ratios (b)/(a): %s%n"
                            + "median ratio (b)/(a): %.3f, target >= %.1f: %s%n",
                    median(rateA),
                    Arrays.stream(rateA).min().orElse(0),
                    Arrays.stream(rateA).max().orElse(0),
                    median(rateB),
                    Arrays.stream(rateB).min().orElse(0),
                    Arrays.stream(rateB).max().orElse(0),
                    Arrays.toString(
                            Arrays.stream(ratios)
                                    .mapToObj(r -> String.format(Locale.ROOT, "%.3f", r))
                                    .toArray()),
                    median,
                    TARGET,
                    median >= TARGET ? "MET" : "NOT MET");
        }
    }

    /**
     * One round of each side: every delivery sent once by (a) and once by (b), in alternating
     * slices (a then b, then b then a, ...) so that a change of the machine's load falls on both
     * alike; the time of each side is the sum of its slices. The server must have taken every mail.
     *
     * @return the rates of (a) and (b), mails per second
     */
    private static double[] pair(
            String label, Server server, List<Delivery> deliveries, int slice, Send a, Send b)
            throws Exception {
        server.reset();
        long nanosA = 0;
        long nanosB = 0;
        for (int from = 0, k = 0; from < deliveries.size(); from += slice, k++) {
            List<Delivery> part =
                    deliveries.subList(from, Math.min(deliveries.size(), from + slice));
            if (k % 2 == 0) {
                nanosA += time(part, a);
                nanosB += time(part, b);
            } else {
                nanosB += time(part, b);
                nanosA += time(part, a);
            }
        }
        long received = server.received();
        if (received != 2L * deliveries.size()) {
            throw new IllegalStateException(
                    label + ": the server took " + received + " of " + 2 * deliveries.size());
        }
        double rateA = deliveries.size() / (nanosA / 1e9);
        double rateB = deliveries.size() / (nanosB / 1e9);
        System.out.printf(
                Locale.ROOT,
                "%-10s (a) bare Angus %6.0f msgs/s %6.3f s | (b) MailChannel %6.0f msgs/s %6.3f s"
                        + " | ratio %.3f | %,d bytes/mail%n",
                label,
                rateA,
                nanosA / 1e9,
                rateB,
                nanosB / 1e9,
                rateB / rateA,
                server.bytes() / Math.max(1, received));
        return new double[] {rateA, rateB};
    }

    private static long time(List<Delivery> part, Send send) throws Exception {
        long start = System.nanoTime();
        for (Delivery d : part) {
            send.send(d);
        }
        return System.nanoTime() - start;
    }

    private static void check(Receipt receipt) {
        if (receipt.status() != Status.SENT) {
            throw new IllegalStateException("not sent: " + receipt);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Sends one delivery. */
    @FunctionalInterface
    private interface Send {
        void send(Delivery delivery) throws Exception;
    }

    /** The deliveries: distinct ids and invoice numbers, the dossier's identity, the same PDF. */
    private static List<Delivery> deliveries(int count, Path fileName, byte[] pdf) {
        Map<String, Object> dossier =
                Map.of(
                        DossierMailSettings.DISPLAY_NAME, FROM_NAME,
                        DossierMailSettings.FROM_ADDRESS, FROM,
                        DossierMailSettings.REPLY_TO, REPLY_TO);
        List<Document> documents =
                List.of(new Document(fileName.toString(), "application/pdf", pdf));
        List<Delivery> deliveries = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String number = String.format(Locale.ROOT, "F-2026-%05d", i);
            Invoice invoice =
                    new Invoice(
                            number,
                            LocalDate.of(2026, 11, 15),
                            "380",
                            "EUR",
                            DUE,
                            "",
                            "",
                            new Party(SELLER, "", "", "FR12345678901", "", null),
                            new Party("Client SA", "", "", "", "", null),
                            List.of(),
                            List.of(),
                            new DocumentTotals(
                                    AMOUNT, null, null, AMOUNT, null, null, AMOUNT, null, null,
                                    AMOUNT));
            String id = String.format(Locale.ROOT, "bench-%05d", i);
            deliveries.add(
                    new Delivery(
                            id,
                            "acme",
                            "inv-" + id,
                            invoice,
                            documents,
                            new Recipient("Client SA", List.of(TO), null),
                            "fr",
                            SELLER,
                            dossier));
        }
        return deliveries;
    }

    /** The platform settings as Declarative Services builds them: defaults, some replaced. */
    private static MailSettings settings(Map<String, Object> values) {
        Object proxy =
                Proxy.newProxyInstance(
                        MailSettings.class.getClassLoader(),
                        new Class<?>[] {MailSettings.class},
                        (self, method, args) -> {
                            if (method.getDeclaringClass() == Object.class) {
                                return method.getName().equals("toString")
                                        ? "MailSettings" + values
                                        : method.invoke(values, args);
                            }
                            Object value = values.get(method.getName());
                            return value != null ? value : method.getDefaultValue();
                        });
        return (MailSettings) proxy;
    }

    /**
     * The baseline: what a program that sends these mails with Angus Mail directly does. One
     * Session for the whole run, with the channel's SMTP properties; per mail the same headers
     * (From with its name, Reply-To, To, UTF-8 subject, Message-ID of the same shape, VERP envelope
     * sender, date), the same French text and the PDF attached under its name, and a Transport of
     * its own (connect, send, close) as the channel opens one per delivery.
     */
    private static final class Bare {
        private final Session session;
        private final String host;
        private final int port;
        private final String body;

        Bare(MailSettings settings) {
            this.session = Session.getInstance(MailChannel.smtpProperties(settings));
            this.host = settings.smtpHost();
            this.port = settings.smtpPort();
            NumberFormat format = NumberFormat.getCurrencyInstance(Locale.FRENCH);
            format.setCurrency(Currency.getInstance("EUR"));
            String amount = format.format(AMOUNT);
            String due =
                    DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                            .withLocale(Locale.FRENCH)
                            .format(DUE);
            this.body =
                    "Bonjour,\n\nVeuillez trouver ci-joint notre facture {0} d\u2019un montant de "
                            + amount.replace("'", "''")
                            + ", \u00e0 r\u00e9gler avant le "
                            + due
                            + ".\n\nCordialement,\n"
                            + SELLER
                            + "\n";
        }

        void send(Delivery delivery) throws MessagingException, IOException {
            String number = delivery.invoice().number();
            String messageId = Verp.messageId(delivery.deliveryId(), "facteur.test");
            SMTPMessage message = new BareMessage(session, messageId);
            message.setFrom(new InternetAddress(FROM, FROM_NAME, "UTF-8"));
            message.setReplyTo(new Address[] {new InternetAddress(REPLY_TO)});
            message.setRecipients(
                    Message.RecipientType.TO,
                    new Address[] {new InternetAddress(delivery.recipient().emails().get(0))});
            message.setEnvelopeFrom("bounces+" + delivery.deliveryId() + "@facteur.test");
            message.setSubject("Facture " + number + " de " + SELLER, "UTF-8");
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setDataHandler(
                    new DataHandler(
                            new ByteArrayDataSource(
                                    MessageFormat.format(body, number)
                                            .getBytes(StandardCharsets.UTF_8),
                                    "text/plain; charset=UTF-8")));
            mixed.addBodyPart(text);
            for (Document document : delivery.documents()) {
                MimeBodyPart attachment = new MimeBodyPart();
                attachment.setDataHandler(
                        new DataHandler(
                                new ByteArrayDataSource(document.content(), document.mediaType())));
                attachment.setDisposition(Part.ATTACHMENT);
                attachment.setFileName(document.fileName());
                mixed.addBodyPart(attachment);
            }
            message.setContent(mixed);
            message.setSentDate(new Date());
            message.saveChanges();
            Transport transport = session.getTransport("smtp");
            transport.connect(host, port, null, null);
            try {
                transport.sendMessage(message, message.getAllRecipients());
            } finally {
                transport.close();
            }
        }
    }

    /** Keeps the Message-ID it was given. */
    private static final class BareMessage extends SMTPMessage {
        private final String messageId;

        BareMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /** The SMTP server both sides send to. */
    private interface Server extends AutoCloseable {
        String name();

        int port();

        void reset() throws Exception;

        long received();

        long bytes();

        @Override
        void close() throws IOException;
    }

    /** GreenMail: a full server that parses and stores every mail (purged between rounds). */
    private static final class GreenMailServer implements Server {
        private final GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

        GreenMailServer() {
            greenMail.start();
        }

        @Override
        public String name() {
            return "GreenMail";
        }

        @Override
        public int port() {
            return greenMail.getSmtp().getPort();
        }

        @Override
        public void reset() throws Exception {
            greenMail.purgeEmailFromAllMailboxes();
        }

        @Override
        public long received() {
            return greenMail.getReceivedMessages().length;
        }

        @Override
        public long bytes() {
            long bytes = 0;
            for (var m : greenMail.getReceivedMessages()) {
                try {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    m.writeTo(out);
                    bytes += out.size();
                } catch (IOException | MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return bytes;
        }

        @Override
        public void close() {
            greenMail.stop();
        }
    }

    /**
     * A minimal SMTP sink: speaks just enough ESMTP for a client (EHLO, MAIL, RCPT, DATA, RSET,
     * NOOP, QUIT), reads each mail to its final dot and drops it, counting mails and bytes. A
     * thread per connection from a cached pool, as a real server would.
     */
    private static final class SinkServer implements Server {
        private static final boolean QUICK_ACK =
                Boolean.parseBoolean(System.getProperty("bench.quickAck", "true"));
        private final ServerSocket socket;
        private final ExecutorService connections = Executors.newCachedThreadPool();
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        SinkServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor =
                    new Thread(
                            () -> {
                                while (!socket.isClosed()) {
                                    try {
                                        Socket client = socket.accept();
                                        connections.execute(() -> converse(client));
                                    } catch (IOException e) {
                                        return;
                                    }
                                }
                            },
                            "smtp-sink");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        @Override
        public String name() {
            return "an SMTP sink";
        }

        @Override
        public int port() {
            return socket.getLocalPort();
        }

        @Override
        public void reset() {
            received.set(0);
            bytes.set(0);
        }

        @Override
        public long received() {
            return received.get();
        }

        @Override
        public long bytes() {
            return bytes.get();
        }

        private void converse(Socket client) {
            try (client;
                    InputStream raw = client.getInputStream();
                    OutputStream out = new BufferedOutputStream(client.getOutputStream())) {
                Lines in = new Lines(client, raw);
                reply(out, "220 sink.test ESMTP");
                for (String command; (command = in.command()) != null; ) {
                    switch (command) {
                        case "EHLO" ->
                                reply(out, "250-sink.test\r\n250-8BITMIME\r\n250 SIZE 104857600");
                        case "DATA" -> {
                            reply(out, "354 End data with <CR><LF>.<CR><LF>");
                            bytes.addAndGet(in.skipData());
                            received.incrementAndGet();
                            reply(out, "250 2.0.0 Ok: queued");
                        }
                        case "QUIT" -> {
                            reply(out, "221 2.0.0 Bye");
                            return;
                        }
                        default -> reply(out, "250 2.0.0 Ok");
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        /**
         * Acknowledges what comes in at once rather than after the 40 ms of a delayed ACK. Without
         * it every mail waits 40 ms at its end: the client's last lines (the final dot) are small,
         * Nagle's algorithm holds them until the body before them is acknowledged, and on loopback
         * a 50 kB mail is a single segment that Linux acknowledges late. Both sides would then
         * measure that wait (about 20 mails/s) and the ratio would be 1.0 whatever the client
         * costs. Linux resets the option after a while, so it is set again before every read.
         */
        private static void quickAck(Socket socket) {
            if (QUICK_ACK) {
                try {
                    socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
                } catch (IOException | UnsupportedOperationException e) {
                    // not Linux: the delayed ACK stays
                }
            }
        }

        /** The client's side of a connection, read in blocks. */
        private static final class Lines {
            private final Socket socket;
            private final InputStream in;
            private final byte[] buffer = new byte[65536];
            private int pos;
            private int limit;

            Lines(Socket socket, InputStream in) {
                this.socket = socket;
                this.in = in;
            }

            private boolean fill() throws IOException {
                if (pos < limit) {
                    return true;
                }
                quickAck(socket);
                limit = in.read(buffer);
                pos = 0;
                return limit > 0;
            }

            /** The first four letters of the next command line, upper case; null at the end. */
            String command() throws IOException {
                StringBuilder b = new StringBuilder(4);
                while (fill()) {
                    byte c = buffer[pos++];
                    if (c == '\n') {
                        return b.toString().strip().toUpperCase(Locale.ROOT);
                    }
                    if (b.length() < 4) {
                        b.append((char) c);
                    }
                }
                return null;
            }

            /** Reads a mail up to its line with a single dot; returns its size in bytes. */
            long skipData() throws IOException {
                long size = 0;
                int state =
                        2; // 0: in a line, 1: CR seen, 2: at a line start, 3: dot at start, 4: dot
                // CR
                while (fill()) {
                    byte c = buffer[pos++];
                    size++;
                    state =
                            switch (state) {
                                case 2 -> c == '.' ? 3 : c == '\r' ? 1 : 0;
                                case 3 -> c == '\r' ? 4 : 0;
                                case 4 -> {
                                    if (c == '\n') {
                                        yield -1;
                                    }
                                    yield 0;
                                }
                                default -> c == '\r' ? 1 : state == 1 && c == '\n' ? 2 : 0;
                            };
                    if (state == -1) {
                        return size - 3;
                    }
                }
                throw new IOException("connection closed in DATA");
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            connections.shutdownNow();
        }
    }
}
