package dev.slipway.testing;

import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClientUtils;

/** gRPC test helpers: a client stub carrying a bearer token, and readers for rich error details. */
public final class GrpcAuth {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcAuth() {
    }

    public static <T> T as(T client, String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, TestTokens.bearer(token));
        return GrpcClientUtils.attachHeaders(client, headers);
    }

    /** The status code of a failed call's exception (unwrapping Mutiny's wrappers). */
    public static Status.Code code(Throwable failure) {
        return status(failure).getStatus().getCode();
    }

    public static StatusRuntimeException status(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException status) {
                return status;
            }
        }
        throw new AssertionError("not a gRPC status failure", failure);
    }

    public static String reason(Throwable failure) throws InvalidProtocolBufferException {
        com.google.rpc.Status status = StatusProto.fromThrowable(status(failure));
        for (var detail : status.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                return detail.unpack(ErrorInfo.class).getReason();
            }
        }
        return null;
    }

    public static List<String> violatedFields(Throwable failure) throws InvalidProtocolBufferException {
        com.google.rpc.Status status = StatusProto.fromThrowable(status(failure));
        for (var detail : status.getDetailsList()) {
            if (detail.is(BadRequest.class)) {
                return detail.unpack(BadRequest.class).getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList();
            }
        }
        return List.of();
    }
}
