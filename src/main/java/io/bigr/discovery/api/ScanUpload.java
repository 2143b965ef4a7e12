package io.bigr.discovery.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.ScanResultJson;
import io.bigr.discovery.db.InventoryStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST /api/scans} (docs/DOMAIN.md §2.7), read in memory that does not grow with the scan:
 * <ol>
 *   <li>the body is copied as it arrives, in memory up to 1 MiB and to a temporary file (owner-only, deleted on
 *       {@link #close}) beyond that; more than the configured limit is a 413 before anything is stored;</li>
 *   <li>a first streaming pass reads every key except {@code assets} (the header: target, times, details with the
 *       coverage, idempotency key), validated by {@link ScanResultJson}, and counts the assets;</li>
 *   <li>a second pass hands the assets to {@link InventoryStore#saveStreamed} a batch at a time, each one read as a
 *       small tree and validated by {@link ScanResultJson#assetFromJson}.</li>
 * </ol>
 * Two passes because {@code details}, which the change detection of every asset needs, follows {@code assets} in
 * the document. Unparsable JSON is a 400, a bad field a 422 naming it, as with a body read in one piece.
 */
public final class ScanUpload implements AutoCloseable {
    /** Assets per batch: one IN list of the inventory lookup and one JDBC batch per table. */
    public static final int BATCH = 500;
    private static final int IN_MEMORY = 1 << 20;
    private static final String ASSETS = "assets";

    private final byte[] bytes;
    private final Path file;
    private ScanResult header;
    private int assetCount;
    private JsonParser assets;

    private ScanUpload(byte[] bytes, Path file) {
        this.bytes = bytes;
        this.file = file;
    }

    /**
     * Copies and checks the body. {@code contentLength} (the header, may be null) over the limit is refused before a
     * byte is read; a body without one is counted as it is copied.
     */
    public static ScanUpload read(InputStream body, String contentLength, long maxBytes) {
        if (contentLength != null) {
            try {
                long declared = Long.parseLong(contentLength.trim());
                if (declared > maxBytes) {
                    if (declared - maxBytes <= DRAIN_BYTES) {
                        drain(body, declared);
                    }
                    throw tooLarge(maxBytes);
                }
            } catch (NumberFormatException e) {
                // Jetty refuses a malformed Content-Length itself; anything else is counted below.
            }
        }
        ScanUpload upload = spool(body, maxBytes);
        try {
            upload.readHeader();
            return upload;
        } catch (RuntimeException e) {
            upload.close();
            throw e;
        }
    }

    public ScanResult header() {
        return header;
    }

    public int assetCount() {
        return assetCount;
    }

    /** The assets in batches of {@code size}, for {@link InventoryStore#saveStreamed}; read once. */
    public InventoryStore.AssetBatches batches(int size) {
        JsonParser p;
        try {
            p = parser();
            p.nextToken(); // START_OBJECT, checked by the header pass
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (ASSETS.equals(name) && value == JsonToken.START_ARRAY) {
                    break;
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonParser parser = p;
        assets = p;
        int[] index = {0};
        boolean[] done = {assetCount == 0};
        return () -> {
            if (done[0]) {
                close(parser);
                return null;
            }
            List<Asset> batch = new ArrayList<>(Math.min(size, assetCount));
            try {
                while (batch.size() < size) {
                    if (parser.nextToken() == JsonToken.END_ARRAY) {
                        done[0] = true;
                        break;
                    }
                    JsonNode node = Json.MAPPER.readTree(parser);
                    batch.add(ScanResultJson.assetFromJson(node, "assets[" + index[0] + "]"));
                    index[0]++;
                }
            } catch (IOException e) {
                close(parser);
                throw new UncheckedIOException(e);
            }
            if (batch.isEmpty()) {
                close(parser);
                return null;
            }
            return batch;
        };
    }

    @Override
    public void close() {
        if (assets != null) {
            close(assets); // also when the save never read the assets (a replayed idempotency key)
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temporary file is no reason to fail the request
            }
        }
    }

    private static ScanUpload spool(InputStream body, long maxBytes) {
        ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
        Path file = null;
        OutputStream out = memory;
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = body) {
            for (int n; in != null && (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    drain(in, DRAIN_BYTES);
                    throw tooLarge(maxBytes);
                }
                if (file == null && total > IN_MEMORY) {
                    file = Files.createTempFile("bigr-scan-", ".json"); // owner-only on POSIX
                    out = Files.newOutputStream(file);
                    memory.writeTo(out);
                    memory = null;
                }
                out.write(buf, 0, n);
            }
            if (file != null) {
                out.close();
            }
        } catch (IOException e) {
            deleteQuietly(file, out);
            throw ApiException.badParameter("body", "request body could not be read");
        } catch (RuntimeException e) {
            deleteQuietly(file, out);
            throw e;
        }
        return file != null ? new ScanUpload(null, file) : new ScanUpload(memory.toByteArray(), null);
    }

    private static void deleteQuietly(Path file, OutputStream out) {
        if (file == null) {
            return;
        }
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private void readHeader() {
        try (JsonParser p = parser()) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInputException("body", "expected a JSON object with target and assets");
            }
            ObjectNode head = Json.object();
            boolean sawAssets = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (ASSETS.equals(name)) {
                    if (sawAssets) {
                        throw new InvalidInputException(ASSETS, "is given twice");
                    }
                    sawAssets = true;
                    if (value == JsonToken.START_ARRAY) {
                        assetCount = count(p);
                        continue;
                    }
                }
                head.set(name, Json.MAPPER.readTree(p));
            }
            if (p.nextToken() != null) {
                throw notJson();
            }
            header = ScanResultJson.fromJson(head);
        } catch (JsonProcessingException e) {
            throw notJson();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(JsonParser p) throws IOException {
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw notJson();
            }
            p.skipChildren();
            n++;
        }
        return n;
    }

    private JsonParser parser() throws IOException {
        JsonFactory f = Json.MAPPER.getFactory();
        return bytes != null ? f.createParser(new ByteArrayInputStream(bytes)) : f.createParser(file.toFile());
    }

    private static void close(JsonParser p) {
        try {
            p.close();
        } catch (IOException ignored) {
            // read-only
        }
    }

    private static ApiException notJson() {
        return ApiException.badParameter("body", "request body is not valid JSON");
    }

    /**
     * Bytes of a refused body read and dropped before the 413 goes out (as servlet containers swallow a rejected
     * upload): a client still sending would otherwise see its connection closed under it (a broken pipe) and never
     * read the answer. A body more than this over the limit is cut off instead.
     */
    static final long DRAIN_BYTES = 8L << 20;

    /** Reads and drops up to {@code upTo} bytes of {@code in}; an error ends it quietly (the 413 follows anyway). */
    private static void drain(InputStream in, long upTo) {
        if (in == null) {
            return;
        }
        byte[] buf = new byte[64 * 1024];
        long left = upTo;
        try {
            for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    private static ApiException tooLarge(long maxBytes) {
        return ApiException.tooLarge(String.format(Locale.ROOT,
                "request body is larger than the limit of %d bytes (ingest.maxBodySize)", maxBytes));
    }
}
