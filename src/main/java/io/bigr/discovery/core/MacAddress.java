package io.bigr.discovery.core;

/**
 * A MAC address in its one canonical text form: lower case, colon separated, each of six parts zero-padded to two
 * digits ({@code 00:1e:bd:aa:bb:cc}). Normalisation is {@link MacAddresses#normalize}, which keeps any non-blank input
 * (text that is not six parts is only lower-cased and dash-replaced): which inputs are accepted is unchanged from
 * the string form the store has always kept.
 *
 * @param value the canonical text
 */
public record MacAddress(String value) {

    public MacAddress {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("MAC address is required, got '" + value + "'");
        }
        value = MacAddresses.normalize(value.trim());
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static MacAddress of(String text) {
        return new MacAddress(text);
    }

    /** Null for null or blank text; otherwise {@link #of}. */
    public static MacAddress ofNullable(String text) {
        return text == null || text.isBlank() ? null : new MacAddress(text);
    }

    /** True when the locally-administered bit (0x02) of the first octet is set (docs/DOMAIN.md §2.5). */
    public boolean isRandomized() {
        return MacAddresses.isRandomized(value);
    }

    /** The OUI prefix {@code aa:bb:cc}, or null when the text is shorter than that. */
    public String prefix() {
        return MacAddresses.prefix(value);
    }

    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
