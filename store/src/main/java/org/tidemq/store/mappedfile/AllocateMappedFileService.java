package org.tidemq.store.mappedfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, maps and (optionally) warms the segment after the one just handed out, on a background thread, so that
 * a writer rolling to a new segment normally finds it ready and never stalls on file creation.
 *
 * <p>Thread-safe. Segments that were prepared but never taken are closed (not deleted) by {@link #shutdown()}; an
 * unused prepared segment is an empty file that a later load treats like any empty tail segment.
 */
public final class AllocateMappedFileService implements MappedFileAllocator {

    private static final Logger LOG = LoggerFactory.getLogger(AllocateMappedFileService.class);
    private static final long WAIT_FOR_PREPARED_SECONDS = 5;

    private final boolean warm;
    private final ExecutorService executor;
    private final Map<Path, CompletableFuture<MappedFile>> prepared = new ConcurrentHashMap<>();
    private volatile boolean shutdown;

    /**
     * @param warm       touch every page of prepared segments ({@code warmMapedFileEnable})
     * @param threadName name of the background thread
     */
    public AllocateMappedFileService(boolean warm, String threadName) {
        this.warm = warm;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public MappedFile allocate(Path path, int fileSize) throws IOException {
        MappedFile segment = takePrepared(path, fileSize);
        if (segment == null) {
            segment = MappedFile.open(path, fileSize);
        }
        prepareNext(path, segment.fileFromOffset() + fileSize, fileSize);
        return segment;
    }

    private MappedFile takePrepared(Path path, int fileSize) throws IOException {
        CompletableFuture<MappedFile> future = prepared.remove(path);
        if (future == null) {
            return null;
        }
        try {
            MappedFile segment = future.get(WAIT_FOR_PREPARED_SECONDS, TimeUnit.SECONDS);
            if (segment.fileSize() == fileSize && segment.wrotePosition() == 0) {
                return segment;
            }
            segment.close();
            return null;
        } catch (ExecutionException e) {
            LOG.warn("pre-allocating {} failed, creating it now: {}", path, e.getCause().toString());
            return null;
        } catch (TimeoutException e) {
            throw new IOException("pre-allocation of " + path + " did not finish in " + WAIT_FOR_PREPARED_SECONDS
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for segment " + path, e);
        }
    }

    private void prepareNext(Path current, long nextFromOffset, int fileSize) {
        if (shutdown) {
            return;
        }
        Path next = current.resolveSibling(SegmentNames.name(nextFromOffset));
        prepared.computeIfAbsent(next, p -> CompletableFuture.supplyAsync(() -> create(p, fileSize), executor));
    }

    private MappedFile create(Path path, int fileSize) {
        try {
            MappedFile segment = MappedFile.open(path, fileSize);
            if (warm) {
                segment.warm();
            }
            return segment;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Stops the thread and closes prepared segments nobody took. */
    public void shutdown() {
        shutdown = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(WAIT_FOR_PREPARED_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        prepared.values().forEach(f -> f.thenAccept(MappedFile::close));
        prepared.clear();
    }
}
