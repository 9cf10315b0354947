package org.lpa4j.models;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of lpa4j that writes a manifest, from the build (the models module's filtered resource). */
final class Lpa4jVersion {
    private static final String VERSION = read();

    private Lpa4jVersion() {
    }

    static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Lpa4jVersion.class.getResourceAsStream("lpa4j-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
