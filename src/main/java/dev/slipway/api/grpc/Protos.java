package dev.slipway.api.grpc;

import java.time.Instant;

import com.google.protobuf.Timestamp;

/** Conversions every gRPC adapter needs between protobuf's conventions and the service layer's. */
public final class Protos {
    private Protos() {
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null
                ? Timestamp.getDefaultInstance()
                : Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** A timestamp the caller sent, as an instant. */
    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    /** Protobuf strings cannot be null; absent values travel as "". */
    public static String text(String value) {
        return value == null ? "" : value;
    }

    /** The service layer's "absent" for a protobuf string: "" means not set. */
    public static String optional(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Page size 0 means "the default", as proto3 cannot tell 0 from unset. */
    public static Integer pageSize(int pageSize) {
        return pageSize == 0 ? null : pageSize;
    }

    /**
     * The etag an update is conditional on: the caller's, or else that of the resource just read,
     * so a read-modify-write cannot overwrite a change made in between.
     */
    public static String ifMatch(String requested, String read) {
        return requested.isEmpty() ? read : requested;
    }
}
