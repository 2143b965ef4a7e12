package io.bigr.discovery.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SNMP secret key: under $HOME (not Java's user.home), or the configured BIGR_SECRET_KEY. */
class SecretKeyHomeTest {
    @TempDir
    Path home;

    @Test
    void theKeyFileLiesUnderHomeAndIsOwnerOnly() throws Exception {
        assertThat(home.toString()).isNotEqualTo(System.getProperty("user.home"));
        SnmpFactory f = new SnmpFactory();
        Map<String, String> env = Map.of("HOME", home.toString());
        assertThat(f.keyFile(env)).isEqualTo(home.resolve(".bigr/secret.key"));
        SecretBox box = f.secrets(env);
        Path file = home.resolve(".bigr/secret.key");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String sealed = box.encrypt("public", "switches/x/community");
        assertThat(f.secrets(env).decrypt(sealed, "switches/x/community")).isEqualTo("public");
        f.setSecretKeyFile("~/keys/k");
        assertThat(f.keyFile(env)).isEqualTo(home.resolve("keys/k"));
    }

    @Test
    void aConfiguredKeyWinsAndNoFileIsMade() {
        SnmpFactory f = new SnmpFactory();
        byte[] raw = new byte[32];
        raw[0] = 7;
        f.setSecretKey(Base64.getEncoder().encodeToString(raw));
        Map<String, String> env = Map.of("HOME", home.toString());
        String sealed = f.secrets(env).encrypt("private", "c");
        assertThat(SecretBox.of(raw).decrypt(sealed, "c")).isEqualTo("private");
        assertThat(home.resolve(".bigr/secret.key")).doesNotExist();
    }
}
