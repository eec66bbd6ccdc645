package dev.slipway.operation;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of a container's log, secrets Slipway knows of masked. */
@Schema(description = "One line of a container's log; secret values Slipway knows of are shown as ****.")
public record LogLine(
        @Schema(description = "Pod that wrote it.") String pod,
        @Schema(description = "Container that wrote it.") String container,
        @Schema(description = "When the container wrote it (the kubelet's timestamp); absent when the cluster gave none.") Instant timestamp,
        @Schema(description = "The line, without its line break.") String text) {

    /** A page of lines. */
    @Schema(name = "LogLines", description = "Log lines of an environment's pods, ordered by timestamp.")
    public record Lines(@Schema(description = "The lines, oldest first.") List<LogLine> lines) {
    }

    /** A line as the kubelet writes it with timestamps=true: an RFC 3339 timestamp, a space, the text. */
    static LogLine parse(String pod, String container, String raw) {
        int space = raw.indexOf(' ');
        Instant at = space > 0 ? WorkloadInspector.instant(raw.substring(0, space)) : null;
        return at == null ? new LogLine(pod, container, null, raw) : new LogLine(pod, container, at, raw.substring(space + 1));
    }
}
