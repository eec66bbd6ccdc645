package dev.slipway.local.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ApplyPatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mergeReplacesArraysMergesObjectsAndDeletesNulls() throws Exception {
        ObjectNode target = object("{\"a\":{\"keep\":1,\"change\":1},\"list\":[1,2],\"gone\":true}");
        ApplyPatch.merge(target, object("{\"a\":{\"change\":2,\"new\":{\"x\":null,\"y\":1}},\"list\":[3],\"gone\":null}"));
        assertEquals(object("{\"a\":{\"keep\":1,\"change\":2,\"new\":{\"y\":1}},\"list\":[3]}"), target);
    }

    @Test
    void removeDroppedRemovesOnlyWhatThisManagerNoLongerSends() throws Exception {
        ObjectNode target = object("{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\",\"other\":\"x\"}},\"spec\":{\"x\":1,\"y\":[1]}}");
        ObjectNode previous = object("{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\"}},\"spec\":{\"x\":1,\"y\":[1]}}");
        ObjectNode current = object("{\"metadata\":{\"labels\":{\"a\":\"1\"}},\"spec\":{\"x\":1}}");
        ApplyPatch.removeDropped(target, previous, current);
        assertEquals(object("{\"metadata\":{\"labels\":{\"a\":\"1\",\"other\":\"x\"}},\"spec\":{\"x\":1}}"), target);
    }

    @Test
    void removeDroppedLeavesWhatAnotherWriterChangedSince() throws Exception {
        // Slipway applied replicas 2 and a label; an autoscaler then set replicas 4 (and so owns the field now).
        ObjectNode target = object("{\"metadata\":{\"labels\":{\"a\":\"1\"}},\"spec\":{\"replicas\":4,\"paused\":false}}");
        ObjectNode previous = object("{\"metadata\":{\"labels\":{\"a\":\"1\"}},\"spec\":{\"replicas\":2,\"paused\":false}}");
        ObjectNode current = object("{\"spec\":{}}");
        ApplyPatch.removeDropped(target, previous, current);
        assertEquals(object("{\"spec\":{\"replicas\":4}}"), target);
    }

    @Test
    void sanitizeDropsServerFieldsAndFoldsSecretStringData() throws Exception {
        ObjectNode secret = object("{\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\",\"resourceVersion\":\"7\","
                + "\"managedFields\":[{}],\"uid\":\"u\"},\"data\":{\"old\":\"b2xk\"},\"stringData\":{\"password\":\"hunter2\"},"
                + "\"status\":{}}");
        ApplyPatch.sanitize(secret);
        assertEquals(object("{\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\",\"resourceVersion\":\"7\"},"
                + "\"data\":{\"old\":\"b2xk\",\"password\":\"aHVudGVyMg==\"}}"), secret);
    }

    @Test
    void stringDataStaysForOtherKinds() throws Exception {
        ObjectNode configMap = object("{\"kind\":\"ConfigMap\",\"stringData\":{\"a\":\"b\"}}");
        ApplyPatch.sanitize(configMap);
        assertFalse(configMap.has("data"));
    }

    private static ObjectNode object(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }
}
