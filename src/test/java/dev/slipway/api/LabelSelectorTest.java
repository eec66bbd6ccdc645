package dev.slipway.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelSelectorTest {

    @Test
    void parsesEqualityPairsInOrder() {
        Map<String, String> selector = LabelSelector.parse("team=payments, tier = web,app.kubernetes.io/name=checkout");

        assertEquals(List.of("team", "tier", "app.kubernetes.io/name"), List.copyOf(selector.keySet()));
        assertEquals("payments", selector.get("team"));
        assertEquals("web", selector.get("tier"));
        assertEquals("checkout", selector.get("app.kubernetes.io/name"));
    }

    @Test
    void readsDoubleEqualsAsEquals() {
        assertEquals(Map.of("tier", "web"), LabelSelector.parse("tier==web"));
    }

    @Test
    void allowsAnEmptyValue() {
        assertEquals(Map.of("canary", ""), LabelSelector.parse("canary="));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "   " })
    void emptyMeansNoFilter(String selector) {
        assertTrue(LabelSelector.parse(selector).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "team", "team=a,tier", "=web", "a=b=c", "a===b", "team=a,,tier=b" })
    void refusesTermsThatAreNotKeyEqualsValue(String selector) {
        SlipwayException.Invalid e = assertThrows(SlipwayException.Invalid.class, () -> LabelSelector.parse(selector));
        assertEquals("labelSelector", e.fieldErrors().get(0).field());
        assertEquals(ErrorKind.INVALID, e.kind());
    }

    @Test
    void refusesADuplicateKey() {
        SlipwayException.Invalid e = assertThrows(SlipwayException.Invalid.class, () -> LabelSelector.parse("tier=web,tier=db"));
        assertEquals("labelSelector", e.fieldErrors().get(0).field());
        assertTrue(e.getMessage().contains("more than once"), e.getMessage());
    }

    @Test
    void refusesAnInvalidKeyOrValue() {
        SlipwayException.Invalid badKey = assertThrows(SlipwayException.Invalid.class, () -> LabelSelector.parse("bad key!=v"));
        assertEquals("labelSelector.bad key!", badKey.fieldErrors().get(0).field());

        SlipwayException.Invalid badValue = assertThrows(SlipwayException.Invalid.class, () -> LabelSelector.parse("tier=-web"));
        assertEquals("labelSelector.tier", badValue.fieldErrors().get(0).field());
    }

    @Test
    void canonicalFormIgnoresOrder() {
        assertEquals(LabelSelector.canonical(LabelSelector.parse("a=1,b=2")), LabelSelector.canonical(LabelSelector.parse("b=2,a=1")));
    }

    @Test
    void rendersAContainmentDocument() {
        assertEquals("{\"tier\":\"web\"}", LabelSelector.toContainmentJson(LabelSelector.parse("tier=web")));
    }
}
