package io.bigr.discovery.snmp;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bigr.discovery.db.SwitchDao;
import io.bigr.discovery.db.SwitchEvidenceDao;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code snmp:} in the configuration: how switches are polled and where the secret key lives.
 * <pre>
 * snmp:
 *   port: 161                 # agent UDP port
 *   timeout: 2s               # per request
 *   retries: 1
 *   uplinkThreshold: 8        # more distinct MACs than this on a port make it an uplink
 *   secretKey: ${BIGR_SECRET_KEY:-}      # base64 of 32 bytes; every server sharing a database needs the same
 *   secretKeyFile: ~/.bigr/secret.key   # used when no secretKey is set; ~ is $HOME; created (0600) if missing
 * </pre>
 */
public class SnmpFactory {
    @Min(1)
    @Max(65535)
    private int port = 161;
    private Duration timeout = Duration.seconds(2);
    @Min(0)
    @Max(5)
    private int retries = 1;
    @Min(1)
    private int uplinkThreshold = SwitchPoller.DEFAULT_UPLINK_THRESHOLD;
    private String secretKeyFile;
    private String secretKey;

    /** The key itself (base64), as config.yml reads it from {@code BIGR_SECRET_KEY}; blank: the environment or file. */
    @JsonProperty
    public String getSecretKey() {
        return secretKey;
    }

    @JsonProperty
    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    @JsonProperty
    public int getPort() {
        return port;
    }

    @JsonProperty
    public void setPort(int port) {
        this.port = port;
    }

    @JsonProperty
    public Duration getTimeout() {
        return timeout;
    }

    @JsonProperty
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @JsonProperty
    public int getRetries() {
        return retries;
    }

    @JsonProperty
    public void setRetries(int retries) {
        this.retries = retries;
    }

    @JsonProperty
    public int getUplinkThreshold() {
        return uplinkThreshold;
    }

    @JsonProperty
    public void setUplinkThreshold(int uplinkThreshold) {
        this.uplinkThreshold = uplinkThreshold;
    }

    @JsonProperty
    public String getSecretKeyFile() {
        return secretKeyFile;
    }

    @JsonProperty
    public void setSecretKeyFile(String secretKeyFile) {
        this.secretKeyFile = secretKeyFile;
    }

    /** The key file with {@code ~/} expanded to {@code $HOME}. */
    public Path keyFile() {
        return keyFile(System.getenv());
    }

    /** The key file with {@code ~/} expanded to {@code env}'s {@code $HOME} (core/UserHome). */
    public Path keyFile(Map<String, String> env) {
        if (secretKeyFile == null || secretKeyFile.isBlank()) {
            return SecretBox.defaultKeyFile(env);
        }
        return io.bigr.discovery.core.UserHome.expand(secretKeyFile, env);
    }

    public SecretBox secrets() {
        return secrets(System.getenv());
    }

    public SnmpWalker walker() {
        return new SnmpWalker(new SnmpWalker.Settings(port, java.time.Duration.ofMillis(timeout.toMilliseconds()),
                retries, 200_000));
    }

    /**
     * The SNMP credentials stored with {@code bigr snmp add}, by host, opened with this machine's secret key; one
     * this machine cannot open is left out (that device is not asked). Read on every call: a scan started after
     * {@code bigr snmp add} uses the new device.
     */
    public Map<String, SwitchConfig> credentials(SwitchDao switches) {
        List<SwitchDao.Credentials> stored = switches.credentials();
        if (stored.isEmpty()) {
            return Map.of();
        }
        SecretBox box = secrets();
        Map<String, SwitchConfig> out = new LinkedHashMap<>();
        for (SwitchDao.Credentials c : stored) {
            try {
                out.put(c.host(), SwitchConfig.open(c, box));
            } catch (RuntimeException e) {
                // a secret this machine cannot open: that device is not asked
            }
        }
        return out;
    }

    public SwitchPoller poller(SwitchDao switches, SwitchEvidenceDao evidence) {
        return new SwitchPoller(switches, evidence, secrets(), walker(), uplinkThreshold);
    }

    /** For tests and tools that hold the environment themselves. */
    public SecretBox secrets(Map<String, String> env) {
        if (secretKey != null && !secretKey.isBlank()) {
            Map<String, String> withKey = new java.util.HashMap<>(env);
            withKey.put(SecretBox.ENV, secretKey);
            return SecretBox.resolve(withKey, keyFile(env));
        }
        return SecretBox.resolve(env, keyFile(env));
    }
}
