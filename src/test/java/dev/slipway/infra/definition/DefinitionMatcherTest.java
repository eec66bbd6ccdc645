package dev.slipway.infra.definition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Matching as a pure function: precedence, class defaulting, candidates, ties. */
class DefinitionMatcherTest {
    private static final MatchQuery SHOP_PROD = new MatchQuery("shop", "prod", "production", "postgres", null);

    private static Criterion criterion(String environmentType, String environment, String application, String resourceClass) {
        return new Criterion(environmentType, environment, application, resourceClass).withDefaults();
    }

    private static MatchableDefinition definition(String name, Criterion... criteria) {
        return new MatchableDefinition(name, 3, "static", List.of(criteria));
    }

    private static String winner(MatchQuery query, MatchableDefinition... definitions) {
        DefinitionMatch match = DefinitionMatcher.match(query, List.of(definitions));
        return match.matched() ? match.definition().definition() : null;
    }

    @Test
    void theMostSpecificMatchingCriterionWinsInTheOrderOfTheIssue() {
        List<MatchableDefinition> all = new ArrayList<>(List.of(
                definition("any", criterion(null, null, null, null)),
                definition("by-type", criterion("production", null, null, null)),
                definition("by-env", criterion(null, "prod", null, null)),
                definition("by-app", criterion(null, null, "shop", null)),
                definition("by-app-env", criterion(null, "prod", "shop", null))));
        // Take the winner away, one after the other: the next most specific takes over.
        for (String expected : List.of("by-app-env", "by-app", "by-env", "by-type", "any")) {
            assertEquals(expected, winner(SHOP_PROD, all.toArray(MatchableDefinition[]::new)));
            all.removeIf(definition -> definition.name().equals(expected));
        }
        assertNull(winner(SHOP_PROD, all.toArray(MatchableDefinition[]::new)));
    }

    @Test
    void combinationsRankBetweenTheirParts() {
        assertEquals("app-type", winner(SHOP_PROD, definition("app", criterion(null, null, "shop", null)),
                definition("app-type", criterion("production", null, "shop", null))));
        assertEquals("app-env", winner(SHOP_PROD, definition("app-type", criterion("production", null, "shop", null)),
                definition("app-env", criterion(null, "prod", "shop", null))));
        assertEquals("app", winner(SHOP_PROD, definition("env-type", criterion("production", "prod", null, null)),
                definition("app", criterion(null, null, "shop", null))));
        assertEquals("env-type", winner(SHOP_PROD, definition("env-type", criterion("production", "prod", null, null)),
                definition("env", criterion(null, "prod", null, null))));
    }

    @Test
    void aCriterionNamingSomethingTheRequestDoesNotHaveIsNoCandidate() {
        assertNull(winner(SHOP_PROD, definition("other-app", criterion(null, "prod", "cart", null))));
        assertNull(winner(SHOP_PROD, definition("other-env", criterion(null, "dev", "shop", null))));
        assertNull(winner(SHOP_PROD, definition("other-type", criterion("development", null, null, null))));
        // A less specific definition that matches beats a more specific one that does not.
        assertEquals("any", winner(SHOP_PROD, definition("any", criterion(null, null, null, null)),
                definition("other-app", criterion(null, "prod", "cart", null))));
    }

    @Test
    void classMustEqualTheRequestsAndDefaultsToDefault() {
        MatchableDefinition plain = definition("plain", criterion(null, null, null, null));
        MatchableDefinition large = definition("large", criterion(null, null, null, "large"));
        MatchableDefinition explicit = definition("explicit", new Criterion(null, "prod", null, "default"));
        assertEquals("plain", winner(SHOP_PROD, plain, large));
        assertEquals("plain", winner(new MatchQuery("shop", "prod", "production", "postgres", "default"), plain, large));
        assertEquals("large", winner(new MatchQuery("shop", "prod", "production", "postgres", "large"), plain, large));
        assertNull(winner(new MatchQuery("shop", "prod", "production", "postgres", "small"), plain, large));
        // A class written out as "default" is the same as none.
        assertEquals("explicit", winner(SHOP_PROD, plain, explicit));
        assertEquals("default", DefinitionMatcher.match(SHOP_PROD, List.of(plain)).resourceClass());
    }

    @Test
    void aDefinitionCountsWithItsMostSpecificMatchingCriterion() {
        MatchableDefinition several = definition("several", criterion(null, null, null, null), criterion(null, "prod", "shop", null),
                criterion(null, null, "cart", null));
        MatchableDefinition byApp = definition("by-app", criterion(null, null, "shop", null));
        DefinitionMatch match = DefinitionMatcher.match(SHOP_PROD, List.of(byApp, several));
        assertEquals("several", match.definition().definition());
        assertEquals(criterion(null, "prod", "shop", null), match.definition().criterion());
        assertEquals("application+environment", match.definition().specificity());
        assertEquals(6, match.definition().rank());
        assertEquals(3, match.definition().version());
        assertEquals("static", match.definition().driver());
    }

    @Test
    void theAnswerNamesEveryCandidateAndWhy() {
        DefinitionMatch match = DefinitionMatcher.match(SHOP_PROD,
                List.of(definition("dev-only", criterion("development", null, null, null)),
                        definition("by-type", criterion("production", null, null, null)),
                        definition("big", criterion(null, null, null, "large"))));
        assertTrue(match.matched());
        assertEquals(List.of("by-type", "big", "dev-only"), match.candidates().stream().map(MatchCandidate::definition).toList());
        assertTrue(match.reason().startsWith("definition 'by-type' serves"), match.reason());
        assertTrue(match.reason().contains("'dev-only' no criterion matches"), match.reason());
        assertTrue(match.reason().contains("environmentType is production, not development"), match.reason());
        assertTrue(match.reason().contains("class is default, not large"), match.reason());
        assertFalse(match.candidates().get(2).matches());
        assertNull(match.candidates().get(2).rank());
    }

    @Test
    void noMatchIsAnAnswerThatSaysWhy() {
        DefinitionMatch none = DefinitionMatcher.match(SHOP_PROD, List.of());
        assertFalse(none.matched());
        assertNull(none.definition());
        assertEquals("no resource definition of type 'postgres' exists", none.reason());

        DefinitionMatch unmatched = DefinitionMatcher.match(SHOP_PROD,
                List.of(definition("cart-only", criterion(null, null, "cart", null))));
        assertFalse(unmatched.matched());
        assertTrue(unmatched.reason().contains("none of the 1 definition(s) of type 'postgres' matches application 'shop'"),
                unmatched.reason());
        assertTrue(unmatched.reason().contains("application is shop, not cart"), unmatched.reason());
    }

    @Test
    void anEqualMatchThatSlippedThroughIsNotGuessed() {
        DefinitionMatch match = DefinitionMatcher.match(SHOP_PROD, List.of(definition("a", criterion(null, null, "shop", null)),
                definition("b", criterion(null, null, "shop", null))));
        assertFalse(match.matched());
        assertTrue(match.reason().contains("'a' and 'b' match equally specifically"), match.reason());
    }

    @Test
    void tiesAreIdenticalCriteriaOfAnotherDefinition() {
        MatchableDefinition mine = definition("mine", criterion("production", null, null, null), criterion(null, null, "shop", null));
        DefinitionMatcher.Tie tie = DefinitionMatcher.tie(mine, List.of(definition("other", criterion(null, null, "shop", null))));
        assertNotNull(tie);
        assertEquals("other", tie.otherDefinition());
        assertEquals(criterion(null, null, "shop", null), tie.criterion());
        // Same keys with other values, another class, more keys, or itself: no tie.
        assertNull(DefinitionMatcher.tie(mine, List.of(definition("other", criterion(null, null, "cart", null)))));
        assertNull(DefinitionMatcher.tie(mine, List.of(definition("other", criterion(null, null, "shop", "large")))));
        assertNull(DefinitionMatcher.tie(mine, List.of(definition("other", criterion(null, "prod", "shop", null)))));
        assertNull(DefinitionMatcher.tie(mine, List.of(definition("mine", criterion(null, null, "shop", null)))));
        // A class spelled out ties with one left to its default.
        assertNotNull(DefinitionMatcher.tie(definition("x", new Criterion(null, null, null, null).withDefaults()),
                List.of(definition("y", new Criterion(null, null, null, "default").withDefaults()))));
    }

    /**
     * Every criterion over a small world (each key absent or one of two values, three classes)
     * against every request of that world: a criterion matches exactly when each key it names
     * equals the request's and the classes agree; two matching criteria rank equally exactly when
     * they name the same keys; and the winner of any two non-identical definitions is the one
     * with the higher rank, never a tie.
     */
    @Test
    void propertiesHoldOverEveryCriterionAndRequestOfASmallWorld() {
        List<Criterion> criteria = new ArrayList<>();
        for (String type : Arrays.asList(null, "production", "development")) {
            for (String environment : Arrays.asList(null, "prod", "dev")) {
                for (String application : Arrays.asList(null, "shop", "cart")) {
                    for (String resourceClass : Arrays.asList(null, "large", "small")) {
                        criteria.add(criterion(type, environment, application, resourceClass));
                    }
                }
            }
        }
        List<MatchQuery> queries = new ArrayList<>();
        for (String type : List.of("production", "development")) {
            for (String environment : List.of("prod", "dev")) {
                for (String application : List.of("shop", "cart")) {
                    for (String resourceClass : Arrays.asList(null, "large")) {
                        queries.add(new MatchQuery(application, environment, type, "postgres", resourceClass));
                    }
                }
            }
        }
        for (MatchQuery query : queries) {
            List<Criterion> matching = new ArrayList<>();
            for (Criterion criterion : criteria) {
                boolean expected = criterion.classOrDefault().equals(query.classOrDefault())
                        && (criterion.application() == null || criterion.application().equals(query.application()))
                        && (criterion.environment() == null || criterion.environment().equals(query.environment()))
                        && (criterion.environmentType() == null || criterion.environmentType().equals(query.environmentType()));
                assertEquals(expected, DefinitionMatcher.specificity(criterion, query) != null, criterion + " vs " + query);
                if (expected) {
                    matching.add(criterion);
                }
            }
            for (Criterion a : matching) {
                for (Criterion b : matching) {
                    boolean sameKeys = (a.application() == null) == (b.application() == null)
                            && (a.environment() == null) == (b.environment() == null)
                            && (a.environmentType() == null) == (b.environmentType() == null);
                    Specificity rankA = DefinitionMatcher.specificity(a, query);
                    Specificity rankB = DefinitionMatcher.specificity(b, query);
                    assertEquals(sameKeys, rankA == rankB, a + " and " + b);
                    // Same keys and both matching the same request: the same criterion, which writes refuse.
                    assertEquals(sameKeys, a.equals(b), a + " and " + b);
                    if (!a.equals(b)) {
                        String expected = rankA.rank() > rankB.rank() ? "a" : "b";
                        assertEquals(expected, winner(query, definition("a", a), definition("b", b)), a + " vs " + b + " for " + query);
                    }
                }
            }
        }
    }
}
