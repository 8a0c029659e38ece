package io.facteur.invoicing.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Mustang's own validator ({@code org.mustangproject.validator.ZUGFeRDValidator}: veraPDF for
 * PDF/A, the XMP and attachment checks of Factur-X, the XSD and Schematron of the profile the XML
 * declares), the reference a Factur-X producer is usually judged by. It is loaded from its own jars
 * (written by the build, see {@link MustangValidatorClassPath}) in a class loader whose parent is
 * the JDK's platform loader: none of its classes (ph-commons 11, veraPDF's jakarta flavour, another
 * Jackson and PDFBox) meets the test class path's, and it talks to the test in bytes and strings
 * only.
 */
final class MustangValidator implements AutoCloseable {

    /** Where the build writes the validator's jars, one a line. */
    static final Path CLASS_PATH = Path.of("target", "mustang-validator.classpath");

    private final URLClassLoader loader;
    private final Class<?> type;
    private final Method validate;

    MustangValidator() {
        try {
            List<URL> urls = new ArrayList<>();
            for (String jar : Files.readAllLines(CLASS_PATH)) {
                if (!jar.isBlank()) {
                    urls.add(Path.of(jar).toUri().toURL());
                }
            }
            loader =
                    new URLClassLoader(
                            "mustang-validator",
                            urls.toArray(URL[]::new),
                            ClassLoader.getPlatformClassLoader());
            type = Class.forName("org.mustangproject.validator.ZUGFeRDValidator", true, loader);
            validate = type.getMethod("validate", byte[].class, String.class);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "No " + CLASS_PATH + ": run the build (mvn test), which writes it", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Mustang's validator is not loadable", e);
        }
    }

    /** The validator's XML report on that file (a new validator each time, as its CLI does). */
    Report validate(byte[] file, String fileName) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader); // JAXB, veraPDF and Saxon look there
        try {
            Object validator = type.getConstructor().newInstance();
            return new Report((String) validate.invoke(validator, file, fileName));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Mustang's validator failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Mustang's validator is not callable", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    /**
     * The report: {@code <validation><pdf>…<summary status="valid"/></pdf><xml><info>…</info>…
     * <summary status="valid"/></xml><summary status="valid"/></validation>}; the PDF part is
     * veraPDF's PDF/A verdict and Mustang's Factur-X checks of the PDF, the XML part the schema and
     * Schematron of the profile, the last summary the whole.
     *
     * @param xml the report as the validator wrote it
     */
    record Report(String xml) {

        /** The status of a part: {@code pdf}, {@code xml}, or empty for the whole. */
        String status(String part) {
            String path =
                    part.isEmpty()
                            ? "/validation/summary/@status"
                            : "/validation/" + part + "/summary/@status";
            return text(path);
        }

        /** The profile the XML part was checked against (its {@code info/profile}). */
        String profile() {
            return text("/validation/xml/info/profile");
        }

        /** The error, fatal and exception messages, for the assertion's description. */
        List<String> errors() {
            List<String> errors = new ArrayList<>();
            try {
                NodeList errorNodes =
                        (NodeList)
                                XPathFactory.newInstance()
                                        .newXPath()
                                        .evaluate(
                                                "//error|//fatal|//exception",
                                                dom(),
                                                XPathConstants.NODESET);
                for (int i = 0; i < errorNodes.getLength(); i++) {
                    Element e = (Element) errorNodes.item(i);
                    errors.add(e.getTextContent().strip());
                }
            } catch (javax.xml.xpath.XPathExpressionException e) {
                throw new IllegalStateException(e);
            }
            return errors;
        }

        private String text(String path) {
            try {
                return XPathFactory.newInstance().newXPath().evaluate(path, dom()).strip();
            } catch (javax.xml.xpath.XPathExpressionException e) {
                throw new IllegalStateException(e);
            }
        }

        private org.w3c.dom.Document dom() {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                return factory.newDocumentBuilder()
                        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException("Mustang's report is no XML: " + xml, e);
            }
        }
    }
}
