package io.bigr.discovery.snmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts SNMP secrets (communities, v3 passphrases) for storage: AES-256-GCM with a random 96-bit nonce, stored as
 * {@code enc:v1:<base64(nonce || ciphertext || tag)>}. The column a value belongs to (e.g.
 * {@code switches/10.0.0.2/community}) is bound as associated data, so a ciphertext copied to another switch or
 * column does not decrypt.
 *
 * <p>Key, in this order: the environment variable {@value #ENV} (base64 of exactly 32 bytes; every server sharing a
 * database must be given the same one); otherwise a key file (default {@code ~/.bigr/secret.key}), created with
 * 32 random bytes and permissions 0600 on first use. The file is the laptop case: one user, one machine, and the
 * secrets never sit in the database in plain text. A key that fails to decrypt a stored value is reported as such,
 * naming the switch, never the value. Nothing here logs, and no message ever contains a secret.
 */
public final class SecretBox {
    public static final String ENV = "BIGR_SECRET_KEY";
    public static final String PREFIX = "enc:v1:";

    /** {@code ~/.bigr/secret.key}, {@code ~} being {@code $HOME} of {@code env} (core/UserHome), not user.home. */
    public static Path defaultKeyFile(Map<String, String> env) {
        return io.bigr.discovery.core.UserHome.bigr(env).resolve("secret.key");
    }

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String source;

    private SecretBox(byte[] key, String source) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(source + " must hold exactly " + KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.source = source;
    }

    /** A box over raw key bytes (tests, or a key managed elsewhere). */
    public static SecretBox of(byte[] key) {
        return new SecretBox(key.clone(), "secret key");
    }

    /** The key from {@code env}'s {@value #ENV}, else from {@code keyFile} (created if missing). */
    public static SecretBox resolve(Map<String, String> env, Path keyFile) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(fromEnv.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ENV + " is not valid base64 (expected 32 random bytes, base64)");
            }
            return new SecretBox(raw, ENV);
        }
        Path file = keyFile == null ? defaultKeyFile(env) : keyFile;
        return new SecretBox(readOrCreate(file), "key file " + file);
    }

    /** Where the key came from (for messages; never the key). */
    public String source() {
        return source;
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Encrypts {@code plain} for the column {@code context}; null stays null. */
    public String encrypt(String plain, String context) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Decrypts a stored value of column {@code context}; null stays null.
     *
     * @throws SecretException when the value is not {@code enc:v1:} text or does not open with this key
     */
    public String decrypt(String stored, String context) {
        if (stored == null) {
            return null;
        }
        if (!isEncrypted(stored)) {
            throw new SecretException(context + " is stored unencrypted; re-add it so it is stored encrypted");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            if (all.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new SecretException(context + " is not a valid encrypted value");
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SecretException(context + " is not a valid encrypted value");
        } catch (GeneralSecurityException e) {
            throw new SecretException("cannot decrypt " + context + " with the " + source
                    + " (was it stored with another key? every server must use the same " + ENV + ")");
        }
    }

    /** A stored secret that cannot be opened. The message names the column, never the value. */
    public static final class SecretException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SecretException(String message) {
            super(message, null, false, false);
        }
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                byte[] fresh = new byte[KEY_BYTES];
                RANDOM.nextBytes(fresh);
                String text = Base64.getEncoder().encodeToString(fresh) + "\n";
                try {
                    // Created with 0600 from the start: no window in which another user could read it.
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    return decodeFile(file); // another process created it first: use theirs
                }
                Files.writeString(file, text, StandardCharsets.US_ASCII);
                return fresh;
            }
            return decodeFile(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the secret key file " + file + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static byte[] decodeFile(Path file) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> !OWNER_ONLY.contains(p))) {
                throw new IllegalStateException("the secret key file " + file
                        + " is readable by other users; run: chmod 600 " + file);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
        try {
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the secret key file " + file + " is not base64 of 32 bytes");
        }
    }

    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
}
