package io.bigr.discovery.snmp;

import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.db.SwitchDao;
import java.util.Locale;

/**
 * A switch to poll with its secrets in plain text, in memory only (docs/DOMAIN.md §5.8). Validated on construction;
 * {@link #toString()} never shows a secret. Crosses to storage only through {@link #seal} (encrypting every secret)
 * and back through {@link #open}.
 *
 * @param community    v2c community (null for v3)
 * @param authProtocol v3 {@code SHA}, {@code SHA256} or {@code MD5}
 * @param privProtocol v3 {@code AES}, {@code AES256} or {@code DES}
 */
public record SwitchConfig(String host, String version, String community, String label, String user,
                           String authProtocol, String authSecret, String privProtocol, String privSecret) {
    public static final String V2C = "2c";
    public static final String V3 = "3";
    public static final String DEFAULT_COMMUNITY = "public";

    public SwitchConfig {
        if (host == null || host.isBlank() || host.length() > 253 || host.startsWith("-") || host.contains("/")
                || host.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException("host", "Invalid switch host '" + host + "' (an IP address or host name)");
        }
        version = version == null ? V2C : version.trim().toLowerCase(Locale.ROOT);
        if (version.equals("v2c") || version.equals("2")) {
            version = V2C;
        }
        if (version.equals("v3")) {
            version = V3;
        }
        label = label == null ? "" : label;
        authProtocol = upper(authProtocol);
        privProtocol = upper(privProtocol);
        switch (version) {
            case V2C -> {
                community = community == null || community.isEmpty() ? DEFAULT_COMMUNITY : community;
                if (user != null || authSecret != null || privSecret != null) {
                    throw new InvalidInputException("version", "v3 options (--user, --auth-*, --priv-*) need --version 3");
                }
            }
            case V3 -> {
                if (community != null && !community.isEmpty()) {
                    throw new InvalidInputException("community", "--community is for version 2c; v3 uses --user");
                }
                community = null;
                if (user == null || user.isBlank()) {
                    throw new InvalidInputException("user", "version 3 needs --user");
                }
                if (authProtocol == null || authSecret == null || privProtocol == null || privSecret == null) {
                    throw new InvalidInputException("auth", "version 3 is polled with authPriv: give --auth-protocol,"
                            + " --auth-secret, --priv-protocol and --priv-secret");
                }
                if (!authProtocol.matches("SHA|SHA256|MD5")) {
                    throw new InvalidInputException("auth_protocol", "--auth-protocol must be SHA, SHA256 or MD5");
                }
                if (!privProtocol.matches("AES|AES256|DES")) {
                    throw new InvalidInputException("priv_protocol", "--priv-protocol must be AES, AES256 or DES");
                }
                // USM derives keys from passphrases of at least 8 characters (RFC 3414 §11.2).
                if (authSecret.length() < 8 || privSecret.length() < 8) {
                    throw new InvalidInputException("auth_secret", "v3 passphrases must be at least 8 characters");
                }
            }
            default -> throw new InvalidInputException("version", "--version must be 2c or 3, got '" + version + "'");
        }
    }

    public static SwitchConfig v2c(String host, String community, String label) {
        return new SwitchConfig(host, V2C, community, label, null, null, null, null, null);
    }

    public static SwitchConfig v3(String host, String user, String authProtocol, String authSecret,
                                  String privProtocol, String privSecret, String label) {
        return new SwitchConfig(host, V3, null, label, user, authProtocol, authSecret, privProtocol, privSecret);
    }

    /** The stored form: community and passphrases encrypted, each bound to this switch and column. */
    public SwitchDao.Credentials seal(SecretBox box) {
        // The community column is NOT NULL (§1.8); a v3 switch stores an encrypted empty string there.
        String storedCommunity = box.encrypt(community == null ? "" : community, context(host, "community"));
        return new SwitchDao.Credentials(host, storedCommunity, version, label,
                user, authProtocol, box.encrypt(authSecret, context(host, "auth_secret")), privProtocol,
                box.encrypt(privSecret, context(host, "priv_secret")));
    }

    /** The plain form of stored credentials. */
    public static SwitchConfig open(SwitchDao.Credentials c, SecretBox box) {
        return new SwitchConfig(c.host(), c.version(),
                SwitchConfig.V3.equals(c.version()) ? null : box.decrypt(c.community(), context(c.host(), "community")),
                c.label(), c.snmpUser(), c.authProtocol(), box.decrypt(c.authSecret(), context(c.host(), "auth_secret")),
                c.privProtocol(), box.decrypt(c.privSecret(), context(c.host(), "priv_secret")));
    }

    static String context(String host, String column) {
        return "switches/" + host + "/" + column;
    }

    private static String upper(String s) {
        return s == null || s.isBlank() ? null : s.trim().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "SwitchConfig[host=" + host + ", version=" + version + ", label=" + label
                + (user == null ? "" : ", user=" + user) + "]";
    }
}
