package dev.slipway.api.grpc;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.FieldMask;
import dev.slipway.api.FieldError;
import dev.slipway.api.SlipwayException;
import dev.slipway.grpc.v1.ApplicationProto;
import dev.slipway.grpc.v1.EnvironmentTypeProto;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UpdateMaskTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Stands in for a service-layer view: only replaced maps read it. */
    record Current(Map<String, String> labels) {
    }

    private static final UpdateMask<ApplicationProto.Application, Current> APPLICATION = UpdateMask
            .builder(ApplicationProto.Application.class, Current.class)
            .text("display_name", "displayName", ApplicationProto.Application::getDisplayName)
            .map("labels", "labels", ApplicationProto.Application::getLabelsMap, Current::labels)
            .build();

    private static final UpdateMask<EnvironmentTypeProto.EnvironmentType, Current> TYPE = UpdateMask
            .builder(EnvironmentTypeProto.EnvironmentType.class, Current.class)
            .bool("protected", "protected", EnvironmentTypeProto.EnvironmentType::getProtected)
            .number("order", "order", EnvironmentTypeProto.EnvironmentType::getOrder)
            .build();

    private static FieldMask mask(String... paths) {
        return FieldMask.newBuilder().addAllPaths(List.of(paths)).build();
    }

    private static JsonNode json(String text) throws JsonProcessingException {
        return JSON.readTree(text);
    }

    @Test
    void refusesAPathOutsideTheTableOnUpdateMask() {
        ApplicationProto.Application app = ApplicationProto.Application.getDefaultInstance();
        SlipwayException.Invalid refused = assertThrows(SlipwayException.Invalid.class,
                () -> APPLICATION.patch(mask("display_name", "name"), app, new Current(Map.of())));
        assertEquals(List.of(new FieldError("update_mask", "'name' cannot be updated; updatable: [display_name, labels]")),
                refused.fieldErrors());
        assertThrows(SlipwayException.Invalid.class, () -> APPLICATION.validate(mask("owner_group")));
    }

    @Test
    void anEmptyStringClearsTheField() throws JsonProcessingException {
        ApplicationProto.Application app = ApplicationProto.Application.newBuilder().setDisplayName("").build();
        assertEquals(json("{\"displayName\":null}"), APPLICATION.patch(mask("display_name"), app, new Current(Map.of())));
    }

    @Test
    void aMapIsReplacedWhole() throws JsonProcessingException {
        ApplicationProto.Application app = ApplicationProto.Application.newBuilder().putLabels("b", "3").putLabels("c", "4").build();
        assertEquals(json("{\"labels\":{\"a\":null,\"b\":\"3\",\"c\":\"4\"}}"),
                APPLICATION.patch(mask("labels"), app, new Current(Map.of("a", "1", "b", "2"))));
    }

    @Test
    void onlyTheNamedFieldsAreInThePatch() throws JsonProcessingException {
        EnvironmentTypeProto.EnvironmentType type = EnvironmentTypeProto.EnvironmentType.newBuilder().setProtected(true).setOrder(3)
                .build();
        assertEquals(json("{\"order\":3}"), TYPE.patch(mask("order"), type));
        assertEquals(json("{\"protected\":true,\"order\":3}"), TYPE.patch(mask("order", "protected"), type));
        assertEquals(json("{\"protected\":false}"),
                TYPE.patch(mask("protected"), EnvironmentTypeProto.EnvironmentType.getDefaultInstance()));
        assertEquals(json("{}"), TYPE.patch(mask(), type));
    }

    @Test
    void jsonRowsNestUnderADottedPropertyBesideEachOther() throws JsonProcessingException {
        UpdateMask<ApplicationProto.Application, Current> nested = UpdateMask.builder(ApplicationProto.Application.class, Current.class)
                .json("a", "inputs.values", (app, current) -> JSON.valueToTree(Map.of("host", app.getDisplayName())))
                .json("b", "inputs.secrets", (app, current) -> JSON.valueToTree(Map.of("password", "x")))
                .json("c", "criteria", (app, current) -> JSON.valueToTree(List.of(Map.of())))
                .build();
        ApplicationProto.Application app = ApplicationProto.Application.newBuilder().setDisplayName("db").build();
        assertEquals(json("{\"inputs\":{\"values\":{\"host\":\"db\"},\"secrets\":{\"password\":\"x\"}},\"criteria\":[{}]}"),
                nested.patch(mask("a", "b", "c"), app));
        assertEquals(json("{\"inputs\":{\"secrets\":{\"password\":\"x\"}}}"), nested.patch(mask("b"), app));
    }
}
