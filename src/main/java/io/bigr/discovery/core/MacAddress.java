package io.bigr.discovery.core;

/**
 * A 48-bit MAC address in its one canonical text form: lower case, colon separated, each of six parts zero-padded to
 * two digits ({@code 00:1e:bd:aa:bb:cc}), made from upper-case, dashed, dotted ({@code aabb.ccdd.eeff}) or bare input
 * by {@link MacAddresses#canonical}; anything that is not 48 bits is refused (docs/DOMAIN.md §2.4, §2.8).
 *
 * @param value the canonical text
 */
public record MacAddress(String value) {

    public MacAddress {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("MAC address is required, got " + InputBounds.quote(value));
        }
        String input = value;
        value = MacAddresses.canonical(value).orElseThrow(() -> new IllegalArgumentException(
                "not a 48-bit MAC address: " + InputBounds.quote(input)));
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static MacAddress of(String text) {
        return new MacAddress(text);
    }

    /** Null for null or blank text; otherwise {@link #of}. */
    public static MacAddress ofNullable(String text) {
        return text == null || text.isBlank() ? null : new MacAddress(text);
    }

    /** For text a tool printed (neighbour table, arp-scan): the MAC, or null when it is not a 48-bit MAC. */
    public static MacAddress parseOrNull(String text) {
        return MacAddresses.canonical(text).map(MacAddress::new).orElse(null);
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
