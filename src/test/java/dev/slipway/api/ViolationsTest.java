package dev.slipway.api;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViolationsTest {

    @ParameterizedTest
    @ValueSource(strings = { "abc", "a-b", "a1z", "checkout", "checkout-2", "a--b" })
    void acceptsSlugs(String slug) {
        assertTrue(new Violations().slug("name", slug).isEmpty());
    }

    @Test
    void acceptsSlugsOfThreeAndFortyCharacters() {
        assertTrue(new Violations().slug("name", "a" + "b".repeat(38) + "9").isEmpty());
        assertTrue(new Violations().slug("name", "abc").isEmpty());
    }

    @Test
    void refusesSlugsOfTwoAndFortyOneCharacters() {
        assertEquals(List.of("name"), fields(new Violations().slug("name", "ab")));
        assertEquals(List.of("name"), fields(new Violations().slug("name", "a".repeat(41))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc-", "Abc", "aBc", "1abc", "-abc", "ab_c", "ab.c", "ab c", "" })
    void refusesOtherNonSlugs(String slug) {
        assertEquals(List.of("name"), fields(new Violations().slug("name", slug)));
    }

    @Test
    void theSameErrorFromADeclaredLimitAndAHandWrittenCheckIsReportedOnce() {
        Violations violations = new Violations().add("displayName", "must be at most 200 characters")
                .maxLength("displayName", "x".repeat(201), 200)
                .maxLength("description", "y".repeat(201), 200);
        assertEquals(List.of("displayName", "description"), fields(violations));
    }

    @Test
    void aMissingSlugIsRequiredUnlessOptional() {
        Violations violations = new Violations().slug("name", null);
        assertEquals("is required", invalid(violations).fieldErrors().get(0).message());
        assertTrue(new Violations().optionalSlug("cluster", null).isEmpty());
        assertEquals(List.of("cluster"), fields(new Violations().optionalSlug("cluster", "X")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "a", "1", "a-b", "1abc", "checkout-staging" })
    void acceptsDnsLabels(String label) {
        assertTrue(new Violations().dnsLabel("namespace", label).isEmpty());
    }

    @Test
    void acceptsDnsLabelsUpToSixtyThreeCharactersAndNull() {
        assertTrue(new Violations().dnsLabel("namespace", "a".repeat(63)).isEmpty());
        assertTrue(new Violations().dnsLabel("namespace", null).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "-a", "a-", "A", "a_b", "a.b", "", "ä" })
    void refusesNonDnsLabels(String label) {
        assertEquals(List.of("namespace"), fields(new Violations().dnsLabel("namespace", label)));
    }

    @Test
    void refusesDnsLabelsOverSixtyThreeCharacters() {
        assertEquals(List.of("namespace"), fields(new Violations().dnsLabel("namespace", "a".repeat(64))));
    }

    @Test
    void acceptsKubernetesLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("tier", "web");
        labels.put("app.kubernetes.io/name", "checkout");
        labels.put("Team_Name.x", "A-b_c.1");
        labels.put("empty", "");
        labels.put("long", "v".repeat(63));
        labels.put("k".repeat(63), "x");
        assertTrue(new Violations().labels("labels", labels).isEmpty());
        assertTrue(new Violations().labels("labels", null).isEmpty());
    }

    @Test
    void namesEachInvalidLabelByItsKey() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("bad key!", "v");
        labels.put("tier", "-web");
        labels.put("long", "v".repeat(64));
        labels.put("k".repeat(64), "x");
        labels.put("Upper.Prefix/name", "x");
        labels.put("nothing", null);
        labels.put("ok", "fine");

        assertEquals(List.of("labels.bad key!", "labels.tier", "labels.long", "labels." + "k".repeat(64),
                "labels.Upper.Prefix/name", "labels.nothing"), fields(new Violations().labels("labels", labels)));
    }

    @Test
    void refusesMoreThanSixtyFourLabels() {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < 64; i++) {
            labels.put("k" + i, "v");
        }
        assertTrue(new Violations().labels("labels", labels).isEmpty());
        labels.put("k64", "v");
        assertEquals(List.of("labels"), fields(new Violations().labels("labels", labels)));
    }

    @Test
    void collectsEveryProblemInOneException() {
        Violations violations = new Violations().slug("name", "X").required("order", null).required("apiUrl", " ")
                .maxLength("description", "x".repeat(11), 10).httpUrl("url", "ftp://example.com");
        SlipwayException.Invalid e = invalid(violations);

        assertEquals(List.of("name", "order", "apiUrl", "description", "url"), e.fieldErrors().stream().map(FieldError::field).toList());
        assertEquals("5 fields are invalid; see errors", e.getMessage());
        assertDoesNotThrow(new Violations()::throwIfAny);
    }

    @Test
    void aSingleProblemIsItsOwnDetail() {
        assertEquals("order: is required", invalid(new Violations().required("order", null)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://k8s.example.com:6443", "http://localhost:8080/x" })
    void acceptsHttpUrls(String url) {
        assertTrue(new Violations().httpUrl("apiUrl", url).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://example.com", "example.com", "https://", "not a url", "https:///path" })
    void refusesOtherUrls(String url) {
        assertEquals("apiUrl", fields(new Violations().httpUrl("apiUrl", url)).get(0));
    }

    private static SlipwayException.Invalid invalid(Violations violations) {
        return assertThrows(SlipwayException.Invalid.class, violations::throwIfAny);
    }

    private static List<String> fields(Violations violations) {
        return invalid(violations).fieldErrors().stream().map(FieldError::field).toList();
    }
}
