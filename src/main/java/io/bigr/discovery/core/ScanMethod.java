package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an asset was found, or how a scan ran (docs/DOMAIN.md §2.3). */
public enum ScanMethod {
    PASSIVE, ACTIVE, HYBRID;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ScanMethod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String v = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.value().equals(v)).findFirst();
    }

    /** Lenient: unknown or missing values become PASSIVE, the asset default. */
    @JsonCreator
    public static ScanMethod fromValue(String text) {
        return parse(text).orElse(PASSIVE);
    }
}
