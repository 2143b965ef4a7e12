package io.bigr.discovery.fingerprint;

/**
 * One text an asset's evidence yields for one kind of fingerprint, and where it came from ({@code source}, a path
 * into {@code raw_evidence} such as {@code banners.80.server}, or {@code hostname} / {@code open_ports}).
 */
public record Observation(EvidenceKind kind, String text, String source) {
    public Observation {
        if (kind == null || text == null || source == null) {
            throw new IllegalArgumentException("an observation needs a kind, a text and a source");
        }
    }
}
