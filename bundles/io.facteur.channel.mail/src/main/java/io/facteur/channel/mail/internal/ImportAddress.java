package io.facteur.channel.mail.internal;

/** The address hint shown to a dossier: {@code import+TOKEN@host} from the platform's address. */
final class ImportAddress {
    private ImportAddress() {}

    /** The plus-address for the token, or empty when no import address is set. */
    static String hint(String importAddress, String token) {
        if (importAddress == null || importAddress.isBlank()) {
            return "";
        }
        String a = importAddress.strip();
        int at = a.lastIndexOf('@');
        if (at <= 0) {
            return "";
        }
        String local = a.substring(0, at);
        int plus = local.indexOf('+');
        local = plus >= 0 ? local.substring(0, plus) : local;
        return local + "+" + token + a.substring(at);
    }
}
