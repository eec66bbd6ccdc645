package dev.slipway.testing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Tests record their spans in memory: Quarkus exports to every SpanExporter bean, and with one
 * present it installs no OTLP exporter. Tests that read spans look for their own trace; the
 * recorded spans of other tests are cleared by them now and then.
 */
public class InMemorySpans {
    @Produces
    @Singleton
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }
}
