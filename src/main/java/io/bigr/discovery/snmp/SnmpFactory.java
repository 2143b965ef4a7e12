package io.bigr.discovery.snmp;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bigr.discovery.db.SwitchDao;
import io.bigr.discovery.db.SwitchEvidenceDao;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code snmp:} in the configuration: how switches are polled and where the secret key lives.
 * <pre>
 * snmp:
 *   port: 161                 # agent UDP port
 *   timeout: 2s               # per request
 *   retries: 1
 *   uplinkThreshold: 8        # more distinct MACs than this on a port make it an uplink
 *   secretKeyFile: ~/.bigr/secret.key   # used when BIGR_SECRET_KEY is not set; created (0600) if missing
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

    /** The key file with {@code ~/} expanded. */
    public Path keyFile() {
        if (secretKeyFile == null || secretKeyFile.isBlank()) {
            return SecretBox.DEFAULT_KEY_FILE;
        }
        return secretKeyFile.startsWith("~/")
                ? Path.of(System.getProperty("user.home"), secretKeyFile.substring(2)) : Path.of(secretKeyFile);
    }

    public SecretBox secrets() {
        return SecretBox.resolve(System.getenv(), keyFile());
    }

    public SnmpWalker walker() {
        return new SnmpWalker(new SnmpWalker.Settings(port, java.time.Duration.ofMillis(timeout.toMilliseconds()),
                retries, 200_000));
    }

    public SwitchPoller poller(SwitchDao switches, SwitchEvidenceDao evidence) {
        return new SwitchPoller(switches, evidence, secrets(), walker(), uplinkThreshold);
    }

    /** For tests and tools that hold the environment themselves. */
    public SecretBox secrets(Map<String, String> env) {
        return SecretBox.resolve(env, keyFile());
    }
}
