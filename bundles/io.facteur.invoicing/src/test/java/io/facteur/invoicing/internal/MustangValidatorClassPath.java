package io.facteur.invoicing.internal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by the build (exec-maven-plugin, see the POM), not by a test: writes the jars of Mustang's
 * validator, as Maven resolved them for the plugin execution, one path a line, so that {@link
 * MustangValidator} can load the validator apart from the test class path (STACK.md trap 9).
 */
public final class MustangValidatorClassPath {

    private MustangValidatorClassPath() {}

    /**
     * @param args the file to write
     */
    public static void main(String[] args) throws IOException, URISyntaxException {
        ClassLoader loader = MustangValidatorClassPath.class.getClassLoader();
        if (!(loader instanceof URLClassLoader urls)) {
            throw new IllegalStateException("not run by exec:java: " + loader);
        }
        List<String> jars = new ArrayList<>();
        for (URL url : urls.getURLs()) {
            Path path = Path.of(url.toURI());
            if (Files.isRegularFile(path) && path.toString().endsWith(".jar")) {
                jars.add(path.toString());
            }
        }
        if (jars.stream().noneMatch(j -> j.contains("validator-"))) {
            throw new IllegalStateException("Mustang's validator is not on " + jars);
        }
        Path target = Path.of(args[0]);
        Files.createDirectories(target.getParent());
        Files.write(target, jars);
    }
}
