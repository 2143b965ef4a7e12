package io.bigr.discovery.classify;

import java.util.Collection;
import java.util.Set;

/**
 * A port rule (docs/DOMAIN.md §4.6); all matching port rules accumulate. An empty set means "condition not given".
 * Matches iff every given condition holds and at least one of {@code includeAll} / {@code includeAny} is given:
 * {@code includeAll} = every port open, {@code includeAny} = at least one open, {@code exclude} = none open.
 *
 * @param description free text for the evidence line {@code "<name>: <description>"}; may be null
 */
public record PortRule(String name, String description, Set<Integer> includeAll, Set<Integer> includeAny,
                       Set<Integer> exclude, Weights weights) {
    public PortRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("port rule name is required");
        }
        includeAll = includeAll == null ? Set.of() : Set.copyOf(includeAll);
        includeAny = includeAny == null ? Set.of() : Set.copyOf(includeAny);
        exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
        if (includeAll.isEmpty() && includeAny.isEmpty()) {
            throw new IllegalArgumentException("port rule '" + name + "' needs include_all or include_any");
        }
        if (weights == null) {
            throw new IllegalArgumentException("port rule '" + name + "' needs weights");
        }
    }

    public boolean matches(Collection<Integer> openPorts) {
        Set<Integer> open = openPorts instanceof Set<Integer> s ? s : Set.copyOf(openPorts);
        return open.containsAll(includeAll)
                && (includeAny.isEmpty() || includeAny.stream().anyMatch(open::contains))
                && exclude.stream().noneMatch(open::contains);
    }

    /** The evidence line for {@code port_rules}. */
    public String evidence() {
        return description == null ? name : name + ": " + description;
    }
}
