package io.facteur.channel.mail.internal;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.facteur.api.Document;
import io.facteur.api.Inbox;
import jakarta.activation.DataHandler;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * Importing 500 mails with one PDF each from a local IMAP server: the e-mail import channel against
 * a bare Angus Mail loop fetching the same messages and attachments, in alternating rounds. Target:
 * channel >= 0.7x the bare loop's rate.
 */
public final class MailImportBenchmark {
    private static final int MAILS = Integer.getInteger("bench.mails", 500);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 1);
    private static final double TARGET = 0.7;

    private MailImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("derby.stream.error.file", "target/derby.log");
        Path corpus = Path.of(System.getProperty("bench.corpus", "../shared/corpus"));
        List<byte[]> pdfs = pdfs(corpus.resolve("pdf"));
        GreenMail server =
                new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        server.start();
        GreenMailUser user = server.setUser("import@facteur.test", "import", "s3cret");
        int port = server.getImap().getPort();

        EmbeddedDataSource db = new EmbeddedDataSource();
        db.setDatabaseName(
                System.getProperty("bench.folder", "target/bench-derby")
                        + "/db-"
                        + System.nanoTime());
        db.setCreateDatabase("create");
        MemoryImports dossiers = new MemoryImports();
        String token = dossiers.get("bench").token();
        Map<String, Object> values = new HashMap<>();
        values.put("imapHost", "127.0.0.1");
        values.put("imapPort", port);
        values.put("imapTls", false);
        values.put("imapUser", "import");
        values.put("_imapPassword", "s3cret");
        values.put("mailsPerPoll", MAILS);
        MailImportSettings settings = settings(values);
        MailboxReader reader = new MailboxReader(settings, db, dossiers, false);
        CountingInbox inbox = new CountingInbox();
        reader.inbox = inbox;

        System.out.printf(
                Locale.ROOT,
                "%d mails, one PDF each (%d corpus PDFs, %.0f KiB average), GreenMail IMAP on 127.0.0.1%n",
                MAILS,
                pdfs.size(),
                pdfs.stream().mapToInt(b -> b.length).average().orElse(0) / 1024);
        List<Double> bare = new ArrayList<>();
        List<Double> channel = new ArrayList<>();
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            boolean measured = round >= WARMUP;
            // alternate which side goes first
            for (int side = 0; side < 2; side++) {
                boolean bareSide = (side == 0) == (round % 2 == 0);
                server.purgeEmailFromAllMailboxes();
                fill(user, pdfs, token, round * 2 + side);
                long start = System.nanoTime();
                long bytes;
                if (bareSide) {
                    bytes = bareLoop(settings);
                } else {
                    long before = inbox.bytes.get();
                    MailboxReader.Counts c = reader.importOnce();
                    if (c.imported() != MAILS) {
                        throw new IllegalStateException("imported " + c);
                    }
                    bytes = inbox.bytes.get() - before;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = MAILS / seconds;
                System.out.printf(
                        Locale.ROOT,
                        "%s round %d %-7s %7.1f mails/s (%.2f s, %d PDF bytes)%n",
                        measured ? "measured" : "warm-up ",
                        round,
                        bareSide ? "bare" : "channel",
                        rate,
                        seconds,
                        bytes);
                if (measured) {
                    (bareSide ? bare : channel).add(rate);
                }
            }
        }
        double b = median(bare);
        double c = median(channel);
        double ratio = c / b;
        System.out.printf(
                Locale.ROOT, "median: bare Angus loop %.1f mails/s, channel %.1f mails/s%n", b, c);
        System.out.printf(
                Locale.ROOT,
                "ratio channel/bare = %.2f (target >= %.1f): %s%n",
                ratio,
                TARGET,
                ratio >= TARGET ? "MET" : "NOT MET");
        server.stop();
        System.exit(0);
    }

    /** The baseline: open the folder, fetch each message, read its PDF attachment's bytes. */
    static long bareLoop(MailImportSettings settings) throws Exception {
        Session session = Session.getInstance(Mailbox.properties(settings));
        Store store = session.getStore("imap");
        store.connect(
                settings.imapHost(),
                settings.imapPort(),
                settings.imapUser(),
                settings._imapPassword());
        long total = 0;
        try {
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            for (Message m : folder.getMessages()) {
                Multipart mp = (Multipart) m.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    Part p = mp.getBodyPart(i);
                    if (p.isMimeType("application/pdf")) {
                        try (InputStream in = p.getInputStream()) {
                            total += in.readAllBytes().length;
                        }
                    }
                }
            }
            folder.close(false);
        } finally {
            store.close();
        }
        return total;
    }

    static void fill(GreenMailUser user, List<byte[]> pdfs, String token, int round)
            throws Exception {
        Session session = Session.getInstance(new Properties());
        for (int i = 0; i < MAILS; i++) {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("billing@supplier.example"));
            m.setRecipients(Message.RecipientType.TO, "import@facteur.test");
            m.setSubject("Invoice " + round + "-" + i + " " + token);
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setText("Please find our invoice attached.", "UTF-8");
            mixed.addBodyPart(body);
            MimeBodyPart pdf = new MimeBodyPart();
            pdf.setDataHandler(
                    new DataHandler(
                            new ByteArrayDataSource(pdfs.get(i % pdfs.size()), "application/pdf")));
            pdf.setFileName("invoice-" + i + ".pdf");
            pdf.setDisposition(Part.ATTACHMENT);
            mixed.addBodyPart(pdf);
            m.setContent(mixed);
            m.saveChanges();
            m.setHeader("Message-ID", "<bench-" + round + "-" + i + "@supplier.example>");
            user.deliver(m);
        }
    }

    static List<byte[]> pdfs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<byte[]> out = new ArrayList<>();
            for (Path p :
                    files.filter(f -> f.toString().toLowerCase(Locale.ROOT).endsWith(".pdf"))
                            .sorted()
                            .toList()) {
                out.add(Files.readAllBytes(p));
            }
            return out;
        }
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static MailImportSettings settings(Map<String, Object> values) {
        return (MailImportSettings)
                Proxy.newProxyInstance(
                        MailImportSettings.class.getClassLoader(),
                        new Class<?>[] {MailImportSettings.class},
                        (self, method, a) -> {
                            if (method.getDeclaringClass() == Object.class) {
                                return method.getName().equals("toString")
                                        ? "settings"
                                        : method.invoke(values, a);
                            }
                            Object v = values.get(method.getName());
                            return v != null ? v : method.getDefaultValue();
                        });
    }

    /** The inbox's contract without the core (not a dependency here): counts what it is given. */
    static final class CountingInbox implements Inbox {
        final AtomicLong bytes = new AtomicLong();
        long documents;

        @Override
        public synchronized InboxReceipt accept(String dossier, Document document, Source source) {
            bytes.addAndGet(document.size());
            documents++;
            return new InboxReceipt("doc-" + documents, false);
        }
    }

    /** One dossier's import settings in memory. */
    static final class MemoryImports implements DossierImports {
        private final Map<String, DossierImport> map = new HashMap<>();

        @Override
        public synchronized List<DossierImport> all() {
            return List.copyOf(map.values());
        }

        @Override
        public synchronized DossierImport get(String dossier) {
            return map.computeIfAbsent(
                    dossier, d -> new DossierImport(d, ImportToken.generate(), List.of()));
        }

        @Override
        public synchronized java.util.Optional<DossierImport> find(String dossier) {
            return java.util.Optional.ofNullable(map.get(dossier));
        }

        @Override
        public synchronized String regenerate(String dossier) {
            DossierImport d = new DossierImport(dossier, ImportToken.generate(), List.of());
            map.put(dossier, d);
            return d.token();
        }
    }
}
