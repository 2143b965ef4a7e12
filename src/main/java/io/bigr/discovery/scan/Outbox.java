package io.bigr.discovery.scan;

import io.bigr.discovery.core.UserHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Scan results a server has not taken yet (docs/DOMAIN.md §2.7, exactly-once delivery): {@code ~/.bigr/outbox}, one
 * file per result holding exactly the body that was posted, idempotency key included, so that sending it again (by
 * {@code bigr outbox send}, the next {@code bigr scan --server}, or by hand with curl) stores it once. The folder is
 * 0700 and each file 0600 (a result lists the network's devices), written under a temporary name and moved into
 * place, so a reader never sees half a file. The server the results were meant for is remembered in the folder's
 * {@code server} file.
 */
public final class Outbox {
    static final String SERVER_FILE = "server";
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    public Outbox(Path dir) {
        this.dir = dir;
    }

    /** {@code ~/.bigr/outbox} under {@code $HOME}. */
    public static Outbox inHome() {
        return new Outbox(UserHome.bigr(System.getenv()).resolve("outbox"));
    }

    public Path dir() {
        return dir;
    }

    /** Writes one result as {@code name} (a {@code .json} name) and remembers {@code server}; returns the file. */
    public Path keep(String name, String json, String server) throws IOException {
        ensureDir();
        Path file = dir.resolve(name);
        write(file, json);
        if (server != null) {
            write(dir.resolve(SERVER_FILE), server + "\n");
        }
        return file;
    }

    /** The results waiting, oldest first (names start with the scan's start time). */
    public List<Path> pending() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            files.forEach(f -> {
                if (Files.isRegularFile(f)) {
                    out.add(f);
                }
            });
        }
        out.sort(null);
        return out;
    }

    /** The server of the last result kept, if any. */
    public Optional<String> server() throws IOException {
        Path f = dir.resolve(SERVER_FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        String s = Files.readString(f, StandardCharsets.UTF_8).trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** The result was stored by the server: it leaves the outbox. */
    public void delivered(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    private void ensureDir() throws IOException {
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
            Files.setPosixFilePermissions(dir, DIR); // also when an earlier release made it world-readable
        } else {
            Files.createDirectories(dir);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix()) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(FILE));
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
