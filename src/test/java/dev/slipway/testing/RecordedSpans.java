package dev.slipway.testing;

import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;

/**
 * Tests record their spans in memory: Quarkus exports to every SpanExporter bean, and with one
 * present it installs no OTLP exporter. Only the most recent spans are kept, since every test of
 * the suite records some and only a few read them (each looking for its own trace).
 */
@Singleton
public class RecordedSpans implements SpanExporter {
    private static final int KEPT = 20_000;

    private final Deque<SpanData> recent = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        for (SpanData span : spans) {
            recent.addLast(span);
            if (size.incrementAndGet() > KEPT && recent.pollFirst() != null) {
                size.decrementAndGet();
            }
        }
        return CompletableResultCode.ofSuccess();
    }

    /** The spans recorded so far, oldest first. */
    public List<SpanData> finished() {
        return List.copyOf(recent);
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
