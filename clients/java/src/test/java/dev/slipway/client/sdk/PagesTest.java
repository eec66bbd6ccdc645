package dev.slipway.client.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slipway.client.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagesTest {
    record Page(List<String> items, String next) {
    }

    @Test
    void followsNextPageTokensLazilyAndSkipsEmptyPages() {
        Map<String, Page> pages = Map.of("", new Page(List.of("a", "b"), "p2"), "p2", new Page(List.of(), "p3"),
                "p3", new Page(List.of("c"), null));
        List<String> asked = new ArrayList<>();
        var items = Pages.stream(token -> {
            asked.add(token == null ? "" : token);
            return pages.get(token == null ? "" : token);
        }, Page::items, Page::next);
        assertEquals(List.of("a", "b", "c"), items.toList());
        assertEquals(List.of("", "p2", "p3"), asked);
    }

    @Test
    void theFirstPageOnlyWhenTheCallerStopsEarly() {
        List<String> asked = new ArrayList<>();
        Pages.stream(token -> {
            asked.add(String.valueOf(token));
            return new Page(List.of("x", "y"), "more");
        }, Page::items, Page::next).limit(2).toList();
        assertEquals(List.of("null"), asked);
    }

    @Test
    void aFailedPageCallSurfacesWithItsApiException() {
        var iterator = Pages.iterator(token -> {
            throw new ApiException(403, "forbidden");
        }, Page::items, Page::next);
        var thrown = assertThrows(Pages.SlipwayCallException.class, iterator::hasNext);
        assertEquals(403, thrown.apiException().getCode());
    }
}
