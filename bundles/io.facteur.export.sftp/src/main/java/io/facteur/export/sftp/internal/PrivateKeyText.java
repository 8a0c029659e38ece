package io.facteur.export.sftp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts back the line breaks of a PEM private key pasted into a one-line field (the web console's
 * password input drops them, a configuration file may hold {@code \n} escapes), so that JSch can
 * read it.
 */
final class PrivateKeyText {
    private static final Pattern PEM =
            Pattern.compile("(-----BEGIN [A-Z0-9 ]+-----)(.*?)(-----END [A-Z0-9 ]+-----)");
    private static final Pattern HEADER =
            Pattern.compile("(Proc-Type:\\s*\\S+|DEK-Info:\\s*\\S+|Comment:\\s*\\S+)");

    private PrivateKeyText() {}

    static String normalize(String key) {
        String text = key.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\r\n", "\n");
        text = text.strip();
        if (text.isEmpty() || text.indexOf('\n') >= 0) {
            return text.isEmpty() ? "" : text + "\n";
        }
        Matcher pem = PEM.matcher(text);
        if (!pem.matches()) {
            return text;
        }
        List<String> lines = new ArrayList<>();
        lines.add(pem.group(1));
        String body = pem.group(2).strip();
        Matcher headers = HEADER.matcher(body);
        int end = 0;
        boolean any = false;
        while (headers.find() && body.substring(end, headers.start()).isBlank()) {
            lines.add(headers.group(1).replaceFirst(":\\s*", ": "));
            end = headers.end();
            any = true;
        }
        if (any) {
            lines.add("");
        }
        String base64 = body.substring(end).replaceAll("\\s+", "");
        for (int i = 0; i < base64.length(); i += 64) {
            lines.add(base64.substring(i, Math.min(base64.length(), i + 64)));
        }
        lines.add(pem.group(3));
        return String.join("\n", lines) + "\n";
    }
}
