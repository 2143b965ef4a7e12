package io.bigr.discovery.fingerprint;

import java.util.Locale;

/** What a fingerprint can say about a device; the wire value is the YAML key and the evidence key. */
public enum Field {
    DEVICE_TYPE, VENDOR, PRODUCT, VERSION, OS, OS_VERSION;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
