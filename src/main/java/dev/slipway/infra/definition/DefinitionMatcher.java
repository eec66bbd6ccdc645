package dev.slipway.infra.definition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Matching as pure functions: which of a type's definitions serves a request. A criterion matches
 * when every key it names equals the request's and its class equals the request's class (both
 * default to "default"); the definition with the most specific matching criterion wins. Writes
 * refuse two definitions whose criteria could tie, so a tie here means a race slipped through and
 * is answered as "no match" rather than a guess.
 */
public final class DefinitionMatcher {
    private static final Comparator<MatchCandidate> BEST_FIRST = Comparator
            .comparing((MatchCandidate candidate) -> !candidate.matches())
            .thenComparing(candidate -> candidate.rank() == null ? 0 : -candidate.rank())
            .thenComparing(MatchCandidate::definition);

    private DefinitionMatcher() {
    }

    /** How specific the criterion is for the request, or null when it does not match it. */
    public static Specificity specificity(Criterion criterion, MatchQuery query) {
        return mismatch(criterion, query) == null ? Specificity.of(criterion) : null;
    }

    /** The first key of the criterion the request differs in, in words, or null when it matches. */
    static String mismatch(Criterion criterion, MatchQuery query) {
        if (!criterion.classOrDefault().equals(query.classOrDefault())) {
            return "class is " + query.classOrDefault() + ", not " + criterion.classOrDefault();
        }
        if (criterion.application() != null && !criterion.application().equals(query.application())) {
            return "application is " + query.application() + ", not " + criterion.application();
        }
        if (criterion.environment() != null && !criterion.environment().equals(query.environment())) {
            return "environment is " + query.environment() + ", not " + criterion.environment();
        }
        if (criterion.environmentType() != null && !criterion.environmentType().equals(query.environmentType())) {
            return "environmentType is " + query.environmentType() + ", not " + criterion.environmentType();
        }
        return null;
    }

    /** Judges one definition: its most specific matching criterion, or why none matches. */
    static MatchCandidate judge(MatchableDefinition definition, MatchQuery query) {
        Criterion best = null;
        Specificity bestSpecificity = null;
        List<String> misses = new ArrayList<>();
        for (Criterion criterion : definition.criteria()) {
            Specificity specificity = specificity(criterion, query);
            if (specificity == null) {
                misses.add(criterion + ": " + mismatch(criterion, query));
            } else if (bestSpecificity == null || specificity.rank() > bestSpecificity.rank()) {
                best = criterion;
                bestSpecificity = specificity;
            }
        }
        if (best == null) {
            return new MatchCandidate(definition.name(), definition.version(), definition.driver(), false, null, null, null,
                    "no criterion matches (" + String.join("; ", misses) + ")");
        }
        return new MatchCandidate(definition.name(), definition.version(), definition.driver(), true, best, bestSpecificity.label(),
                bestSpecificity.rank(), "matches through " + best + " (" + bestSpecificity.label() + ")");
    }

    /** Which of the type's definitions serves the request, with every candidate and the reason. */
    public static DefinitionMatch match(MatchQuery query, List<MatchableDefinition> definitions) {
        List<MatchCandidate> candidates = definitions.stream().map(definition -> judge(definition, query)).sorted(BEST_FIRST).toList();
        List<MatchCandidate> matching = candidates.stream().filter(MatchCandidate::matches).toList();
        String considered = candidates.stream().map(candidate -> "'" + candidate.definition() + "' " + candidate.reason())
                .collect(Collectors.joining("; "));
        if (candidates.isEmpty()) {
            return answer(query, null, "no resource definition of type '" + query.type() + "' exists", candidates);
        }
        if (matching.isEmpty()) {
            return answer(query, null, "none of the " + candidates.size() + " definition(s) of type '" + query.type() + "' matches "
                    + query + ": " + considered, candidates);
        }
        MatchCandidate best = matching.get(0);
        if (matching.size() > 1 && Objects.equals(matching.get(1).rank(), best.rank())) {
            return answer(query, null, "definitions '" + best.definition() + "' and '" + matching.get(1).definition()
                    + "' match equally specifically (" + best.specificity() + "), so neither is chosen; change one of them: "
                    + considered, candidates);
        }
        return answer(query, best, "definition '" + best.definition() + "' serves " + query + ": it " + best.reason()
                + ", the most specific of " + matching.size() + " matching definition(s) of " + candidates.size() + " of type '"
                + query.type() + "'. Considered: " + considered, candidates);
    }

    /**
     * A criterion of {@code definition} that one of {@code others} also has (keys, values and
     * class): the two would tie for every request it matches. Null when there is none.
     */
    public static Tie tie(MatchableDefinition definition, List<MatchableDefinition> others) {
        for (MatchableDefinition other : others) {
            if (other.name().equals(definition.name())) {
                continue;
            }
            for (Criterion criterion : definition.criteria()) {
                if (other.criteria().contains(criterion)) {
                    return new Tie(other.name(), criterion);
                }
            }
        }
        return null;
    }

    /** Two definitions that would serve the same requests equally specifically. */
    public record Tie(String otherDefinition, Criterion criterion) {
    }

    private static DefinitionMatch answer(MatchQuery query, MatchCandidate chosen, String reason, List<MatchCandidate> candidates) {
        return new DefinitionMatch(query.application(), query.environment(), query.environmentType(), query.type(),
                query.classOrDefault(), chosen != null, chosen, reason, candidates);
    }
}
