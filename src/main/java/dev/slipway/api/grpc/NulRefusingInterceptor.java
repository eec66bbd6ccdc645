package dev.slipway.api.grpc;

import java.util.List;
import java.util.Map;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.slipway.api.FieldError;
import dev.slipway.api.NulCharacter;
import dev.slipway.api.SlipwayException;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses NUL in any string of any request message (nested messages, lists, map keys and
 * values, Struct text included) before the service sees it, answering INVALID_ARGUMENT with a
 * field violation, as REST does with 400. PostgreSQL cannot store NUL, so a request carrying it
 * would otherwise fail as an internal error deep in the service.
 */
@ApplicationScoped
@GlobalInterceptor
public class NulRefusingInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                if (refused) {
                    return;
                }
                String field = message instanceof Message proto ? fieldWithNul(proto, "") : null;
                if (field == null) {
                    super.onMessage(message);
                    return;
                }
                refused = true;
                StatusRuntimeException status = GrpcErrors.toStatus(
                        new SlipwayException.Invalid(field + ": " + NulCharacter.MESSAGE,
                                List.of(new FieldError(field, NulCharacter.MESSAGE))));
                call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }

    /** The path (JSON field names, as REST names them) of the first string holding NUL, or null. */
    static String fieldWithNul(Message message, String prefix) {
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            String path = prefix + field.getJsonName();
            if (field.isMapField()) {
                for (Object item : (List<?>) entry.getValue()) {
                    Message pair = (Message) item;
                    Object key = pair.getField(pair.getDescriptorForType().findFieldByName("key"));
                    String keyText = NulCharacter.printable(String.valueOf(key));
                    if (key instanceof String text && NulCharacter.in(text)) {
                        return path + "." + keyText;
                    }
                    String found = valueWithNul(pair.getField(pair.getDescriptorForType().findFieldByName("value")), path + "." + keyText);
                    if (found != null) {
                        return found;
                    }
                }
            } else if (field.isRepeated()) {
                List<?> items = (List<?>) entry.getValue();
                for (int i = 0; i < items.size(); i++) {
                    String found = valueWithNul(items.get(i), path + "[" + i + "]");
                    if (found != null) {
                        return found;
                    }
                }
            } else {
                String found = valueWithNul(entry.getValue(), path);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String valueWithNul(Object value, String path) {
        if (value instanceof String text) {
            return NulCharacter.in(text) ? path : null;
        }
        if (value instanceof Message nested) {
            return fieldWithNul(nested, path + ".");
        }
        return null;
    }
}
