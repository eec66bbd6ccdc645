package dev.slipway.client.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.client.ApiClient;
import dev.slipway.client.model.DeploymentEvent;
import dev.slipway.client.model.DeploymentStatus;
import dev.slipway.client.model.LogLine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    private static <T> EventStream<T> stream(String body, Class<T> type, String name) {
        return new EventStream<>(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), ApiClient.createDefaultObjectMapper(),
                type, name);
    }

    @Test
    void readsTypedDeploymentEventsAndRemembersTheirIds() {
        String body = ": keep-alive\n\n"
                + "id: 7\nevent: deployment\ndata: {\"id\":7,\"status\":\"APPLYING\",\"application\":\"shop\",\"createdAt\":\"2026-12-07T10:00:00Z\"}\n\n"
                + "id: 8\nevent: deployment\ndata:{\"id\":8,\"status\":\"SUCCEEDED\",\"reason\":\"RolloutComplete\"}\n\n";
        EventStream<DeploymentEvent> events = stream(body, DeploymentEvent.class, "deployment");
        List<DeploymentEvent> all = events.stream().toList();
        assertEquals(2, all.size());
        assertEquals(DeploymentStatus.APPLYING, all.get(0).getStatus());
        assertEquals("shop", all.get(0).getApplication());
        assertEquals(DeploymentStatus.SUCCEEDED, all.get(1).getStatus());
        assertEquals("RolloutComplete", all.get(1).getReason());
        assertEquals("8", events.lastEventId());
    }

    @Test
    void joinsDataLinesSkipsOtherEventNamesAndDropsAnUnfinishedLastEvent() {
        String body = "event: other\ndata: {\"text\":\"skipped\"}\n\n"
                + "event: log\ndata: {\"pod\":\"web-1\",\ndata: \"text\":\"hello\"}\n\n"
                + "event: log\ndata: {\"text\":\"cut off\"}\n";
        EventStream<LogLine> lines = stream(body, LogLine.class, "log");
        List<LogLine> all = lines.stream().toList();
        assertEquals(1, all.size());
        assertEquals("web-1", all.get(0).getPod());
        assertEquals("hello", all.get(0).getText());
        assertNull(lines.lastEventId());
        assertFalse(lines.hasNext());
    }

    @Test
    void closingWakesAReaderBlockedOnAStreamThatSendsNothing() throws Exception {
        java.io.PipedOutputStream server = new java.io.PipedOutputStream();
        EventStream<LogLine> lines = new EventStream<>(new java.io.PipedInputStream(server), ApiClient.createDefaultObjectMapper(),
                LogLine.class, "log");
        server.write("event: log\ndata: {\"text\":\"first\"}\n\n".getBytes(StandardCharsets.UTF_8));
        server.flush();
        assertEquals("first", lines.next().getText());
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                // closes at once then
            }
            lines.close();
        });
        closer.start();
        long start = System.nanoTime();
        assertFalse(lines.hasNext());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "hasNext returned after close");
    }

    @Test
    void unnamedEventsAreMessages() {
        EventStream<LogLine> lines = stream("data: {\"text\":\"a\"}\r\n\r\n", LogLine.class, "message");
        assertEquals("a", lines.next().getText());
    }
}
