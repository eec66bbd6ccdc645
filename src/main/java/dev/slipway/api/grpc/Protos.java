package dev.slipway.api.grpc;

import java.time.Instant;
import java.util.List;

import com.google.protobuf.FieldMask;

import com.google.protobuf.Timestamp;

import dev.slipway.api.SlipwayException;

/** Conversions every gRPC adapter needs between protobuf's conventions and the service layer's. */
public final class Protos {
    private Protos() {
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? Timestamp.getDefaultInstance()
                : Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
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

    /** The paths of an update mask, refused (INVALID_ARGUMENT on update_mask) when one names a field that cannot change. */
    public static List<String> maskPaths(FieldMask mask, List<String> mutable) {
        for (String path : mask.getPathsList()) {
            if (!mutable.contains(path)) {
                throw SlipwayException.Invalid.field("update_mask", "'" + path + "' cannot be updated; updatable: " + mutable);
            }
        }
        return mask.getPathsList();
    }
}
