package dev.slipway.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageRequestTest {

    @Test
    void defaultsToFiftyFromTheStart() {
        PageRequest page = PageRequest.of(null, null);

        assertEquals(50, page.pageSize());
        assertEquals(51, page.fetchSize());
        assertNull(page.afterKey());
        assertNull(PageRequest.of(10, "").afterKey());
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 500 })
    void acceptsSizesAtTheBounds(int size) {
        assertEquals(size, PageRequest.of(size, null).pageSize());
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, 501, Integer.MAX_VALUE })
    void refusesSizesOutsideOneToFiveHundred(int size) {
        SlipwayException.Invalid e = assertThrows(SlipwayException.Invalid.class, () -> PageRequest.of(size, null));
        assertEquals("pageSize", e.fieldErrors().get(0).field());
    }

    @Test
    void tokenContinuesAfterTheLastKeyUnderTheSameFilters() {
        PageRequest first = PageRequest.of(3, null, "team-a", "tier=web");
        String token = first.tokenAfter("checkout");

        PageRequest next = PageRequest.of(3, token, "team-a", "tier=web");

        assertEquals("checkout", next.afterKey());
        assertEquals(3, next.pageSize());
        assertEquals(token, next.tokenAfter("checkout"));
    }

    @Test
    void keysMayContainTheSeparator() {
        // Environment types page by "order|name".
        String token = PageRequest.of(2, null).tokenAfter("20|staging");
        assertEquals("20|staging", PageRequest.of(2, token).afterKey());
    }

    @Test
    void aTokenKeepsWorkingWithAnotherPageSize() {
        String token = PageRequest.of(2, null, "x").tokenAfter("b");
        assertEquals("b", PageRequest.of(100, token, "x").afterKey());
    }

    @Test
    void refusesATokenIssuedForOtherFilters() {
        String token = PageRequest.of(3, null, "team-a").tokenAfter("checkout");

        assertPageTokenRefused(() -> PageRequest.of(3, token, "team-b"));
        assertPageTokenRefused(() -> PageRequest.of(3, token, "team-a", "tier=web"));
        assertPageTokenRefused(() -> PageRequest.of(3, token, (String) null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "garbage!", "%%%", "djE=x" })
    void refusesGarbage(String token) {
        assertPageTokenRefused(() -> PageRequest.of(10, token));
    }

    @Test
    void refusesWellEncodedTokensOfAnotherShape() {
        String fingerprintless = encode("hello");
        String otherVersion = encode("v0|" + "0".repeat(16) + "|a");
        String emptyKey = PageRequest.of(1, null).tokenAfter("");

        assertPageTokenRefused(() -> PageRequest.of(10, fingerprintless));
        assertPageTokenRefused(() -> PageRequest.of(10, otherVersion));
        assertPageTokenRefused(() -> PageRequest.of(10, emptyKey));
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertPageTokenRefused(org.junit.jupiter.api.function.Executable call) {
        SlipwayException.Invalid e = assertThrows(SlipwayException.Invalid.class, call);
        assertEquals("pageToken", e.fieldErrors().get(0).field());
    }
}
