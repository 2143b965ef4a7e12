package io.bigr.discovery.core;

/**
 * Checks stored JSON as UTF-8 bytes, without building anything: whether a column holds exactly one JSON object
 * (RFC 8259, as Jackson's parser accepts it by default: no comments, no single quotes, no leading zeros, no control
 * characters in strings, no trailing commas), nested at most {@link InputBounds#MAX_JSON_DEPTH} deep, in well-formed
 * UTF-8. A streamed read copies such a column into its response as it is; anything else takes the parsing path.
 *
 * <p>Checking the bytes the driver hands over (instead of decoding them to a String, tokenising that with Jackson and
 * encoding it again) was a fifth of writing {@code /api/data} at 100,000 assets.
 */
public final class JsonBytes {
    private JsonBytes() {
    }

    /** Whether {@code b} is one JSON object, optionally surrounded by whitespace. */
    public static boolean isObject(byte[] b) {
        if (b == null) {
            return false;
        }
        int i = skipSpace(b, 0);
        if (i >= b.length || b[i] != '{') {
            return false;
        }
        try {
            i = value(b, i, 0);
        } catch (Invalid e) {
            return false;
        }
        return i >= 0 && skipSpace(b, i) == b.length;
    }

    /** Whether {@code b} is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF). */
    public static boolean isUtf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            try {
                i = utf8(b, i, c & 0xff);
            } catch (Invalid e) {
                return false;
            }
        }
        return true;
    }

    /** Thrown for anything that is not valid JSON (a singleton: no stack trace is filled). */
    private static final class Invalid extends RuntimeException {
        private static final Invalid INSTANCE = new Invalid();

        private Invalid() {
            super(null, null, false, false);
        }
    }

    private static Invalid invalid() {
        return Invalid.INSTANCE;
    }

    private static int skipSpace(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The index after the value starting at {@code i} (after whitespace). */
    private static int value(byte[] b, int i, int depth) {
        i = skipSpace(b, i);
        if (i >= b.length) {
            throw invalid();
        }
        switch (b[i]) {
            case '{':
                return object(b, i + 1, depth + 1);
            case '[':
                return array(b, i + 1, depth + 1);
            case '"':
                return string(b, i + 1);
            case 't':
                return literal(b, i, "true");
            case 'f':
                return literal(b, i, "false");
            case 'n':
                return literal(b, i, "null");
            default:
                return number(b, i);
        }
    }

    private static int object(byte[] b, int i, int depth) {
        if (depth > InputBounds.MAX_JSON_DEPTH) {
            throw invalid();
        }
        i = skipSpace(b, i);
        if (i < b.length && b[i] == '}') {
            return i + 1;
        }
        while (true) {
            i = skipSpace(b, i);
            if (i >= b.length || b[i] != '"') {
                throw invalid();
            }
            i = skipSpace(b, string(b, i + 1));
            if (i >= b.length || b[i] != ':') {
                throw invalid();
            }
            i = skipSpace(b, value(b, i + 1, depth));
            if (i >= b.length) {
                throw invalid();
            }
            if (b[i] == '}') {
                return i + 1;
            }
            if (b[i] != ',') {
                throw invalid();
            }
            i++;
        }
    }

    private static int array(byte[] b, int i, int depth) {
        if (depth > InputBounds.MAX_JSON_DEPTH) {
            throw invalid();
        }
        i = skipSpace(b, i);
        if (i < b.length && b[i] == ']') {
            return i + 1;
        }
        while (true) {
            i = skipSpace(b, value(b, i, depth));
            if (i >= b.length) {
                throw invalid();
            }
            if (b[i] == ']') {
                return i + 1;
            }
            if (b[i] != ',') {
                throw invalid();
            }
            i++;
        }
    }

    /** Jackson's default bounds (StreamReadConstraints), so this accepts no more than its parser would. */
    private static final int MAX_NUMBER_LENGTH = com.fasterxml.jackson.core.StreamReadConstraints.DEFAULT_MAX_NUM_LEN;
    private static final int MAX_STRING_LENGTH =
            com.fasterxml.jackson.core.StreamReadConstraints.DEFAULT_MAX_STRING_LEN;

    /** From after the opening quote to after the closing one. */
    private static int string(byte[] b, int i) {
        int start = i;
        while (i < b.length) {
            if (i - start > MAX_STRING_LENGTH) {
                throw invalid();
            }
            int c = b[i] & 0xff;
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= b.length) {
                    throw invalid();
                }
                switch (b[i + 1]) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
                    case 'u' -> {
                        if (i + 6 > b.length) {
                            throw invalid();
                        }
                        for (int k = i + 2; k < i + 6; k++) {
                            if (Character.digit(b[k], 16) < 0) {
                                throw invalid();
                            }
                        }
                        i += 6;
                    }
                    default -> throw invalid();
                }
            } else if (c < 0x20) {
                throw invalid();
            } else if (c < 0x80) {
                i++;
            } else {
                i = utf8(b, i, c);
            }
        }
        throw invalid();
    }

    /** One multi-byte UTF-8 sequence starting with lead byte {@code c} at {@code i}: well-formed (RFC 3629) or invalid. */
    private static int utf8(byte[] b, int i, int c) {
        int n;
        int min;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            min = 0x10000;
        } else {
            throw invalid();
        }
        if (i + n >= b.length) {
            throw invalid();
        }
        int cp = c & (0x3f >> n);
        for (int k = 1; k <= n; k++) {
            int cont = b[i + k] & 0xff;
            if ((cont & 0xc0) != 0x80) {
                throw invalid();
            }
            cp = (cp << 6) | (cont & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            throw invalid();
        }
        return i + n + 1;
    }

    private static int literal(byte[] b, int i, String word) {
        if (i + word.length() > b.length) {
            throw invalid();
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                throw invalid();
            }
        }
        return i + word.length();
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
    private static int number(byte[] b, int start) {
        int end = number0(b, start);
        if (end - start > MAX_NUMBER_LENGTH) {
            throw invalid();
        }
        return end;
    }

    private static int number0(byte[] b, int i) {
        if (i < b.length && b[i] == '-') {
            i++;
        }
        if (i >= b.length || !digit(b[i])) {
            throw invalid();
        }
        if (b[i] == '0') {
            i++;
            if (i < b.length && digit(b[i])) {
                throw invalid(); // a leading zero
            }
        } else {
            i = digits(b, i);
        }
        if (i < b.length && b[i] == '.') {
            i++;
            if (i >= b.length || !digit(b[i])) {
                throw invalid();
            }
            i = digits(b, i);
        }
        if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < b.length && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            if (i >= b.length || !digit(b[i])) {
                throw invalid();
            }
            i = digits(b, i);
        }
        return i;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(byte[] b, int i) {
        while (i < b.length && digit(b[i])) {
            i++;
        }
        return i;
    }
}
