package io.bigr.discovery.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.NotNull;

/**
 * {@code ingest:} in the configuration: the largest {@code POST /api/scans} body accepted. A larger one is answered
 * 413 before anything is stored. The body is kept on disk while it is saved ({@link ScanUpload}), so the limit bounds
 * the temporary file, not the heap.
 * <pre>
 * ingest:
 *   maxBodySize: 512 MiB    # about a million assets with evidence
 * </pre>
 */
public class IngestFactory {
    @NotNull
    @MinDataSize(1)
    @MaxDataSize(value = 64, unit = io.dropwizard.util.DataSizeUnit.GIBIBYTES)
    private DataSize maxBodySize = DataSize.mebibytes(512);

    @JsonProperty
    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    @JsonProperty
    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }
}
