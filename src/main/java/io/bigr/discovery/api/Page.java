package io.bigr.discovery.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a list route: the items under the route's historical key ({@code scans}, {@code changes}, ...)
 * followed by {@code total}, {@code limit}, {@code offset} and {@code next_offset} (null on the last page). A client
 * that ignores the new keys sees the old shape; a client that follows {@code next_offset} sees every row.
 */
public final class Page {
    private final Map<String, Object> body = new LinkedHashMap<>();

    private Page(String key, List<?> items, long total, int limit, long offset) {
        body.put(key, items);
        body.put("total", total);
        body.put("limit", limit);
        body.put("offset", offset);
        long next = offset + items.size();
        body.put("next_offset", next < total && !items.isEmpty() ? next : null);
    }

    /** A page the database already cut; {@code total} counts every row. */
    public static Page of(String key, List<?> items, long total, int limit, long offset) {
        return new Page(key, items, total, limit, offset);
    }

    /** A page cut from a complete in-memory list (small tables: subnets, switches, certificates). */
    public static Page slice(String key, List<?> all, int limit, long offset) {
        int from = (int) Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        return new Page(key, all.subList(from, to), all.size(), limit, offset);
    }

    @JsonAnyGetter
    public Map<String, Object> body() {
        return body;
    }
}
