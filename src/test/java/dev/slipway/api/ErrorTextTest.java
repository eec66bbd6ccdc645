package dev.slipway.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

class ErrorTextTest {
    @Test
    void quotesShortValuesWhole() {
        assertEquals("'checkout'", ErrorText.quote("checkout"));
        assertEquals("'null'", ErrorText.quote(null));
    }

    @Test
    void cutsLongValuesAfterTheLimitWithAnEllipsis() {
        String quoted = ErrorText.quote("x".repeat(50_000));
        assertEquals("'" + "x".repeat(ErrorText.MAX_QUOTED) + "…'", quoted);
    }

    @Test
    void boundLeavesTextAtTheLimitAlone() {
        String text = "y".repeat(ErrorText.MAX_MESSAGE);
        assertSame(text, ErrorText.bound(text, ErrorText.MAX_MESSAGE));
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "a".repeat(9) + "😀" + "b"; // the emoji's low surrogate sits at index 10
        String bounded = ErrorText.bound(text, 10);
        assertEquals("a".repeat(9) + "…", bounded);
        assertFalse(Character.isHighSurrogate(bounded.charAt(bounded.length() - 2)));
    }
}
