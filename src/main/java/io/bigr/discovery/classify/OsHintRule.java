package io.bigr.discovery.classify;

import io.bigr.discovery.core.BigrCategory;
import java.util.List;
import java.util.Locale;

/**
 * The built-in OS-hint rule (docs/DOMAIN.md §4.10): case-insensitive substring tests on {@code os_hint}, first matching
 * line wins. Plain {@code Linux} matches nothing on purpose (too common to mean anything).
 */
final class OsHintRule {
    /** One line of the table: any of {@code contains} in the lower-cased hint adds {@code weights}. */
    record Line(String name, List<String> contains, Weights weights) {
        boolean matches(String lowerHint) {
            return contains.stream().anyMatch(lowerHint::contains);
        }
    }

    static final List<Line> LINES = List.of(
            new Line("Network Equipment", List.of("network equipment", "routeros"),
                    Weights.of(BigrCategory.AG_VE_SISTEMLER, 0.4)),
            new Line("Server", List.of("linux (server)", "web server"),
                    Weights.of(BigrCategory.AG_VE_SISTEMLER, 0.2, BigrCategory.UYGULAMALAR, 0.2)),
            new Line("Windows", List.of("windows"), Weights.of(BigrCategory.TASINABILIR, 0.3)),
            new Line("IP Camera", List.of("ip camera"), Weights.of(BigrCategory.IOT, 0.5)),
            new Line("Printer", List.of("printer"), Weights.of(BigrCategory.IOT, 0.5)),
            new Line("IoT", List.of("iot"), Weights.of(BigrCategory.IOT, 0.4)));

    private OsHintRule() {
    }

    /** The first line matching the hint, or null (also for a null hint). */
    static Line match(String osHint) {
        if (osHint == null) {
            return null;
        }
        String lower = osHint.toLowerCase(Locale.ROOT);
        return LINES.stream().filter(l -> l.matches(lower)).findFirst().orElse(null);
    }
}
