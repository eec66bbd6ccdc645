package dev.slipway.api.grpc;

import java.time.Duration;

import com.google.rpc.BadRequest;
import dev.slipway.api.ErrorText;
import dev.slipway.grpc.v1.ApplicationProto;
import dev.slipway.grpc.v1.ApplicationService;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.slipway.testing.GrpcAuth.as;
import static dev.slipway.testing.GrpcAuth.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A status that quotes a huge request value once outgrew what a client accepts in trailers: the
 * call never completed and its connection stayed unusable. Messages and details are bounded now.
 */
@QuarkusTest
class GrpcErrorBoundsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALICE = TestTokens.user("alice", "team-a");

    @GrpcClient("slipway")
    ApplicationService client;

    @ParameterizedTest
    @ValueSource(ints = { 50 * 1024, 200 * 1024 })
    void aHugeNameGetsABoundedAnswerAndTheChannelStaysUsable(int length) {
        StatusRuntimeException failure = status(assertThrows(RuntimeException.class, () -> get("n".repeat(length))));
        Status.Code code = failure.getStatus().getCode();
        assertTrue(code == Status.Code.NOT_FOUND || code == Status.Code.INVALID_ARGUMENT, "answered " + code);
        String message = failure.getStatus().getDescription();
        assertTrue(message.length() <= ErrorText.MAX_MESSAGE + 1, "message of " + message.length() + " characters");
        com.google.rpc.Status details = StatusProto.fromThrowable(failure);
        assertTrue(details.getSerializedSize() <= GrpcErrors.MAX_STATUS_BYTES, "status of " + details.getSerializedSize() + " bytes");

        StatusRuntimeException next = status(assertThrows(RuntimeException.class, () -> get("no-such-app-after-a-huge-one")));
        assertEquals(Status.Code.NOT_FOUND, next.getStatus().getCode());
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 500 })
    void fieldViolationsAreCutToTheStatusBudget(int count) throws Exception {
        java.util.List<dev.slipway.api.FieldError> errors = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new dev.slipway.api.FieldError("labels." + "k".repeat(300) + i, "v".repeat(2000))).toList();
        StatusRuntimeException built = GrpcErrors.toStatus(new dev.slipway.api.SlipwayException.Invalid("x".repeat(10_000), errors));
        com.google.rpc.Status status = StatusProto.fromThrowable(built);
        assertTrue(status.getSerializedSize() <= GrpcErrors.MAX_STATUS_BYTES, "status of " + status.getSerializedSize() + " bytes");
        assertEquals(ErrorText.MAX_MESSAGE + 1, status.getMessage().length());
        BadRequest badRequest = status.getDetails(1).unpack(BadRequest.class);
        assertTrue(badRequest.getFieldViolationsCount() >= 1 && badRequest.getFieldViolationsCount() <= count);
    }

    private ApplicationProto.GetApplicationResponse get(String name) {
        return as(client, ALICE).getApplication(ApplicationProto.GetApplicationRequest.newBuilder().setName(name).build()).await()
                .atMost(WAIT);
    }
}
