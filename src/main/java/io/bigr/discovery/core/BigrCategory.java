package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The BİGR asset categories (docs/DOMAIN.md §2.1). Declaration order is the classifier's tie-break order and the
 * display order everywhere; wire values are English snake_case (JSON, options), labels Turkish (every human-readable
 * output, one spelling).
 */
public enum BigrCategory {
    AG_VE_SISTEMLER("ag_ve_sistemler", "Ağ ve Sistemler"),
    UYGULAMALAR("uygulamalar", "Uygulamalar"),
    IOT("iot", "IoT"),
    TASINABILIR("tasinabilir", "Taşınabilir Cihazlar"),
    UNCLASSIFIED("unclassified", "Sınıflandırılmamış");

    /** The four categories a user may tag an asset with (never {@link #UNCLASSIFIED}). */
    public static final List<BigrCategory> TAGGABLE = List.of(AG_VE_SISTEMLER, UYGULAMALAR, IOT, TASINABILIR);

    private final String value;
    private final String label;

    BigrCategory(String value, String label) {
        this.value = value;
        this.label = label;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public String label() {
        return label;
    }

    /** Exact wire value, case-insensitively (Locale.ROOT); empty for anything else. */
    public static Optional<BigrCategory> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String v = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.value.equals(v)).findFirst();
    }

    /** Lenient mapping used when reading stored or ingested data: unknown values become UNCLASSIFIED. */
    @JsonCreator
    public static BigrCategory fromValue(String text) {
        return parse(text).orElse(UNCLASSIFIED);
    }

    /**
     * A stored manual override as the engines count it: null for null or empty text (not tagged), the category whose
     * wire value is exactly the text, else {@link #UNCLASSIFIED} (a differently-cased or unknown value).
     */
    public static BigrCategory manualOverride(String stored) {
        if (stored == null || stored.isEmpty()) {
            return null;
        }
        return Arrays.stream(values()).filter(c -> c.value.equals(stored)).findFirst().orElse(UNCLASSIFIED);
    }

    /** The category the engines count: a stored manual override ({@link #manualOverride}) wins over the classified one. */
    public static BigrCategory effective(BigrCategory classified, String manualStored) {
        BigrCategory manual = manualOverride(manualStored);
        return manual != null ? manual : classified;
    }

    /** Turkish label of a stored category value; an unknown value is returned unchanged (§2.1). */
    public static String labelOf(String value) {
        return parse(value).map(BigrCategory::label).orElse(value);
    }

    /** Values of {@link #TAGGABLE}, for error messages. */
    public static String taggableValues() {
        return String.join(", ", TAGGABLE.stream().map(BigrCategory::value).toList());
    }
}
