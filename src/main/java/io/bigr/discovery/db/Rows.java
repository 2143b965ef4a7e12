package io.bigr.discovery.db;

import java.util.Iterator;

/** Rows handed on in order by a read that may still be running ({@link ReadAhead}); closing stops it. */
public interface Rows<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close();
}
