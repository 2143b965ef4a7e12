package io.bigr.discovery.classify;

/**
 * A user's manual category for one IP (DOMAIN.md §3.9), as the caller read it from the store the scan writes to
 * ({@code InventoryStore.tags()}: {@code manualCategory}, {@code manualNote}). The category is kept as stored text:
 * the classifier, not this record, decides whether it is usable (§4.2: an invalid value is ignored).
 */
public record ManualTag(String category, String note) {
}
