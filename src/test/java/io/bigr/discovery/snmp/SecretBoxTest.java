package io.bigr.discovery.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    @TempDir
    Path dir;

    @Test
    void createsAnOwnerOnlyKeyFileOnFirstUseAndReusesIt() throws Exception {
        Path file = dir.resolve("nested").resolve("secret.key");
        SecretBox first = SecretBox.resolve(Map.of(), file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);

        String sealed = first.encrypt("public", "switches/sw1/community");
        assertThat(sealed).startsWith("enc:v1:").doesNotContain("public");
        assertThat(SecretBox.resolve(Map.of(), file).decrypt(sealed, "switches/sw1/community")).isEqualTo("public");
    }

    @Test
    void refusesAKeyFileOthersCanRead() throws Exception {
        Path file = dir.resolve("secret.key");
        SecretBox.resolve(Map.of(), file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SecretBox.resolve(Map.of(), file)).hasMessageContaining("chmod 600");
    }

    @Test
    void environmentKeyWinsAndIsValidated() {
        byte[] key = new byte[32];
        key[0] = 7;
        String env = Base64.getEncoder().encodeToString(key);
        Path file = dir.resolve("unused.key");
        SecretBox box = SecretBox.resolve(Map.of(SecretBox.ENV, env), file);
        assertThat(Files.exists(file)).isFalse();
        assertThat(SecretBox.of(key).decrypt(box.encrypt("x", "c"), "c")).isEqualTo("x");

        assertThatThrownBy(() -> SecretBox.resolve(Map.of(SecretBox.ENV, "not base64!"), file))
                .hasMessageContaining(SecretBox.ENV).hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> SecretBox.resolve(Map.of(SecretBox.ENV, "AAAA"), file))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void aCiphertextOpensOnlyForItsOwnColumnAndKey() {
        SecretBox box = SecretBox.of(new byte[32]);
        String sealed = box.encrypt("s3cret-pass", "switches/a/auth_secret");
        assertThat(box.encrypt("s3cret-pass", "switches/a/auth_secret")).isNotEqualTo(sealed); // fresh nonce
        assertThatThrownBy(() -> box.decrypt(sealed, "switches/b/auth_secret"))
                .hasMessageContaining("cannot decrypt switches/b/auth_secret").hasMessageNotContaining("s3cret");
        String tampered = sealed.substring(0, sealed.length() - 4) + "AAA=";
        assertThatThrownBy(() -> box.decrypt(tampered, "switches/a/auth_secret"))
                .isInstanceOf(SecretBox.SecretException.class);
        assertThatThrownBy(() -> box.decrypt("public", "switches/a/community"))
                .hasMessageContaining("unencrypted").hasMessageNotContaining("public'");
    }
}
