package dev.slipway.api.grpc;

import java.util.List;
import java.util.UUID;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.slipway.api.ErrorKind;
import dev.slipway.api.ErrorText;
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
    /**
     * The most the serialized google.rpc.Status may take. It travels twice in the trailers (as
     * grpc-status-details-bin, base64, and its message as grpc-message, percent-encoded), and
     * clients refuse trailers over 8 KiB by default: past that the call never completes.
     */
    static final int MAX_STATUS_BYTES = 3 * 1024;
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    public static StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return bounded(status);
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
                .setMessage(ErrorText.bound(message, ErrorText.MAX_MESSAGE))
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(kind.reason()).setDomain(DOMAIN)
                        .putMetadata("type", kind.typeUri()).build()));
        if (!fieldErrors.isEmpty()) {
            // Violations go in while they fit; the message already says how many fields are invalid.
            int budget = MAX_STATUS_BYTES - status.build().getSerializedSize();
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            for (FieldError error : fieldErrors) {
                BadRequest.FieldViolation violation = BadRequest.FieldViolation.newBuilder()
                        .setField(ErrorText.bound(error.field(), ErrorText.MAX_QUOTED * 2))
                        .setDescription(ErrorText.bound(error.message(), ErrorText.MAX_MESSAGE)).build();
                if (Any.pack(badRequest.clone().addFieldViolations(violation).build()).getSerializedSize() + 8 > budget) {
                    break;
                }
                badRequest.addFieldViolations(violation);
            }
            if (badRequest.getFieldViolationsCount() > 0) {
                status.addDetails(Any.pack(badRequest.build()));
            }
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    /** A status raised as such (by gRPC itself or a library) gets the same bound on its description. */
    private static StatusRuntimeException bounded(StatusRuntimeException failure) {
        String description = failure.getStatus().getDescription();
        if (description == null || description.length() <= ErrorText.MAX_MESSAGE) {
            return failure;
        }
        return failure.getStatus().withDescription(ErrorText.bound(description, ErrorText.MAX_MESSAGE)).asRuntimeException();
    }
}
