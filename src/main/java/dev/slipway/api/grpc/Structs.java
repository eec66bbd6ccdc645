package dev.slipway.api.grpc;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

/**
 * google.protobuf.Struct and the plain Java values the service layer keeps free-form JSON in
 * (maps, lists, strings, numbers, booleans, null), both ways. Whole numbers come back as Long so
 * that a port parameter of 5432 stays 5432 rather than 5432.0.
 */
public final class Structs {
    private Structs() {
    }

    /** The struct as a map; an empty struct is null (proto3 cannot tell unset from empty). */
    public static Map<String, Object> toMap(Struct struct) {
        if (struct.getFieldsCount() == 0) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((key, value) -> map.put(key, toJava(value)));
        return map;
    }

    /** The map as a struct; null is the empty struct. */
    public static Struct toStruct(Map<String, ?> map) {
        Struct.Builder struct = Struct.newBuilder();
        if (map != null) {
            map.forEach((key, value) -> struct.putFields(key, toValue(value)));
        }
        return struct.build();
    }

    private static Object toJava(Value value) {
        return switch (value.getKindCase()) {
            case STRUCT_VALUE -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.getStructValue().getFieldsMap().forEach((key, field) -> map.put(key, toJava(field)));
                yield map;
            }
            case LIST_VALUE -> value.getListValue().getValuesList().stream().map(Structs::toJava).toList();
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> {
                double number = value.getNumberValue();
                yield number == Math.rint(number) && Math.abs(number) < 1e15 ? (Object) (long) number : (Object) number;
            }
            case NULL_VALUE, KIND_NOT_SET -> null;
        };
    }

    private static Value toValue(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (value instanceof Map<?, ?> map) {
            Struct.Builder struct = Struct.newBuilder();
            map.forEach((key, field) -> struct.putFields(String.valueOf(key), toValue(field)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (value instanceof List<?> list) {
            ListValue.Builder values = ListValue.newBuilder();
            list.forEach(item -> values.addValues(toValue(item)));
            return Value.newBuilder().setListValue(values).build();
        }
        if (value instanceof Boolean bool) {
            return Value.newBuilder().setBoolValue(bool).build();
        }
        if (value instanceof Number number) {
            return Value.newBuilder().setNumberValue(new BigDecimal(number.toString()).doubleValue()).build();
        }
        return Value.newBuilder().setStringValue(String.valueOf(value)).build();
    }
}
