package io.bigr.discovery.classify;

import java.util.List;

/**
 * The four validated rule lists, in file order (order matters: vendor and hostname rules are first-match-wins).
 * An empty list is allowed (a user's file may say {@code rules: []} to switch a kind of rule off).
 */
public record RuleSet(List<PortRule> portRules, List<VendorRule> vendorRules, List<HostnameRule> hostnameRules,
                      List<ServiceRule> serviceRules) {
    public RuleSet {
        portRules = List.copyOf(portRules);
        vendorRules = List.copyOf(vendorRules);
        hostnameRules = List.copyOf(hostnameRules);
        serviceRules = List.copyOf(serviceRules);
    }
}
