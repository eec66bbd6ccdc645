package dev.slipway.api.grpc;

import java.util.List;
import java.util.UUID;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.slipway.api.ErrorKind;
import dev.slipway.api.FieldError;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.StoreErrors;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import org.jboss.logging.Logger;

/**
 * The gRPC face of the error table: a failure becomes a google.rpc.Status with the code from
 * {@link ErrorKind}, an ErrorInfo (reason = the problem type, domain slipway.dev) and, for
 * invalid input, BadRequest field violations: the same facts REST puts in problem+json.
 */
public final class GrpcErrors {
    public static final String DOMAIN = "slipway.dev";
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    public static StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        SlipwayException known = failure instanceof UnauthorizedException || failure instanceof AuthenticationFailedException
                ? new SlipwayException.Unauthenticated("a valid bearer token is required in the authorization metadata")
                : failure instanceof ForbiddenException
                        ? new SlipwayException.Forbidden("the caller may not do this")
                        : StoreErrors.translate(failure);
        if (known == null) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(failure, "unexpected gRPC failure %s", errorId);
            return build(ErrorKind.INTERNAL, "unexpected error; quote id " + errorId + " to the platform team", List.of());
        }
        return build(known.kind(), known.getMessage(), known.fieldErrors());
    }

    private static StatusRuntimeException build(ErrorKind kind, String message, List<FieldError> fieldErrors) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(kind.grpcCode().value())
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(kind.reason()).setDomain(DOMAIN)
                        .putMetadata("type", kind.typeUri()).build()));
        if (!fieldErrors.isEmpty()) {
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            fieldErrors.forEach(error -> badRequest.addFieldViolations(
                    BadRequest.FieldViolation.newBuilder().setField(error.field()).setDescription(error.message())));
            status.addDetails(Any.pack(badRequest.build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
