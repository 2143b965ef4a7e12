package io.bigr.discovery.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.ScanResultJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What {@code bigr import} reads (docs/DOMAIN.md §5.13): an nmap XML report, or a scan-result document (§2.7: the
 * {@code bigr scan --output} JSON file, which is also what earlier releases wrote as {@code assets.json}). The kind is
 * told from the first character, not from the file name. Every problem is an exception whose
 * message is one line naming the file ({@link IllegalArgumentException}).
 */
public final class ImportFiles {
    /** A file of at most this many bytes (a /16 of hosts with services is a few tens of MB of nmap XML). */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    /** The kinds of file understood. */
    public enum Kind { NMAP_XML, SCAN_JSON }

    /** One file, read and converted. */
    public record Imported(Path file, Kind kind, ScanResult result) {
    }

    private ImportFiles() {
    }

    public static Imported read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(name + ": is a folder, not a file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(name + ": larger than " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot read (" + NmapXml.shorten(e.getMessage()) + ")");
        }
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i == bytes.length) {
            throw new IllegalArgumentException(name + ": is empty");
        }
        if (bytes[i] == '<') {
            return new Imported(file, Kind.NMAP_XML, NmapXml.read(new ByteArrayInputStream(bytes), name));
        }
        if (bytes[i] == '{') {
            return new Imported(file, Kind.SCAN_JSON, scanJson(new String(bytes, StandardCharsets.UTF_8), name));
        }
        throw new IllegalArgumentException(name + ": neither nmap XML (-oX) nor a BİGR scan JSON / assets.json");
    }

    private static ScanResult scanJson(String text, String name) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        try {
            return ScanResultJson.fromJson(node);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(name + ": " + NmapXml.shorten(e.getMessage()));
        }
    }
}
