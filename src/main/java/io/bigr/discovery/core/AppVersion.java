package io.bigr.discovery.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The product's version, as the pom declares it, read once.
 *
 * <p>From the packaged jar it is the {@code Implementation-Version} of this package's manifest section (set by the
 * build; a section rather than the main attributes, so the shaded dependencies do not all claim our version). Run
 * from classes (tests, an IDE) there is no manifest, and {@code bigr-version.properties}, filtered by Maven with
 * {@code ${project.version}}, answers instead.
 */
public final class AppVersion {
    static final String RESOURCE = "/bigr-version.properties";
    private static final String CURRENT = read();

    private AppVersion() {
    }

    /** The version, e.g. {@code 0.2.0}. */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        String fromManifest = AppVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        try (InputStream in = AppVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version", "");
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException(RESOURCE + " was not filtered by the build: '" + version + "'");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
