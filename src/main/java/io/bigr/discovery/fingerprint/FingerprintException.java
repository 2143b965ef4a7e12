package io.bigr.discovery.fingerprint;

/**
 * A fingerprint file that cannot be used. The message starts with the file name and, for a bad field, its path:
 * {@code cameras.yaml: fingerprints[3].device_type: unknown device type 'cam' (expected one of ...)}.
 */
public class FingerprintException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public FingerprintException(String message) {
        super(message);
    }

    static FingerprintException field(String file, String path, String problem) {
        return new FingerprintException(file + ": " + path + ": " + problem);
    }
}
