package io.bigr.discovery.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Work started now on a daemon thread of its own, whose result (or failure) is collected later. */
public final class Background {
    private Background() {
    }

    /**
     * Runs {@code work} on a daemon thread named {@code name} now; the future completes with its result, or
     * exceptionally with what it threw (the work bounds its own time).
     */
    public static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** Waits for {@code f}; a failure is rethrown as the work threw it (when unchecked). */
    public static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
