package dev.slipway.local.sandbox;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;

/**
 * Indexes of the CRUD dispatcher's store, whose keys are attribute sets that it can only scan:
 * by kind, namespace and name, and by namespace. {@link #candidates} narrows a query to the keys
 * that can match it; the caller still checks each with {@link AttributeSet#matches}, so the
 * answers are the scan's. Not thread-safe: the dispatcher guards it with its store lock.
 *
 * <p>Each index keeps keys in the order they were (re)written, as the store does, so lists come
 * back in the same order as from a scan.
 */
final class StoreIndex {

    private static final String PLURAL = KubernetesAttributesExtractor.PLURAL;
    private static final String NAMESPACE = KubernetesAttributesExtractor.NAMESPACE;
    private static final String NAME = KubernetesAttributesExtractor.NAME;

    /** plural/namespace/name (namespace empty for cluster-scoped objects). */
    private final Map<String, Set<AttributeSet>> byName = new HashMap<>();
    /** plural//name whatever the namespace: for lookups whose query names no namespace. */
    private final Map<String, Set<AttributeSet>> byNameInAnyNamespace = new HashMap<>();
    /** namespace of namespaced objects. */
    private final Map<String, Set<AttributeSet>> byNamespace = new HashMap<>();

    void add(AttributeSet key) {
        String plural = value(key, PLURAL);
        String name = value(key, NAME);
        String namespace = value(key, NAMESPACE);
        if (plural != null && name != null) {
            bucket(byName, nameKey(plural, namespace, name)).add(key);
            bucket(byNameInAnyNamespace, nameKey(plural, null, name)).add(key);
        }
        if (namespace != null) {
            bucket(byNamespace, namespace).add(key);
        }
    }

    void remove(AttributeSet key) {
        String plural = value(key, PLURAL);
        String name = value(key, NAME);
        String namespace = value(key, NAMESPACE);
        if (plural != null && name != null) {
            unbucket(byName, nameKey(plural, namespace, name), key);
            unbucket(byNameInAnyNamespace, nameKey(plural, null, name), key);
        }
        if (namespace != null) {
            unbucket(byNamespace, namespace, key);
        }
    }

    void clear() {
        byName.clear();
        byNameInAnyNamespace.clear();
        byNamespace.clear();
    }

    /**
     * The keys that may match {@code query}, or null when the indexes cannot narrow it (the
     * caller scans). A query for a kind and a name (a single object, in a namespace or not), or
     * for objects of one namespace (a namespaced list, with or without selectors), is narrowed.
     */
    Collection<AttributeSet> candidates(AttributeSet query) {
        String plural = exact(query, PLURAL);
        String name = exact(query, NAME);
        String namespace = exact(query, NAMESPACE);
        boolean namespaceNarrowable = namespace != null || !query.containsKey(NAMESPACE);
        if (plural != null && name != null && namespaceNarrowable) {
            Set<AttributeSet> keys = namespace != null
                    ? byName.get(nameKey(plural, namespace, name))
                    : byNameInAnyNamespace.get(nameKey(plural, null, name));
            return keys == null ? List.of() : List.copyOf(keys);
        }
        if (namespace != null && !query.containsKey(NAME)) {
            Set<AttributeSet> keys = byNamespace.get(namespace);
            return keys == null ? List.of() : List.copyOf(keys);
        }
        return null;
    }

    private static String nameKey(String plural, String namespace, String name) {
        return plural + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    private static Set<AttributeSet> bucket(Map<String, Set<AttributeSet>> index, String key) {
        return index.computeIfAbsent(key, ignored -> new LinkedHashSet<>());
    }

    private static void unbucket(Map<String, Set<AttributeSet>> index, String key, AttributeSet member) {
        Set<AttributeSet> keys = index.get(key);
        if (keys != null && keys.remove(member) && keys.isEmpty()) {
            index.remove(key);
        }
    }

    /** The attribute's single value when the query requires exactly that value, else null. */
    private static String exact(AttributeSet query, String key) {
        Attribute attribute = query.getAttribute(key);
        if (attribute == null || attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1) {
            return null;
        }
        return attribute.getValues().get(0).toString();
    }

    private static String value(AttributeSet key, String name) {
        Attribute attribute = key.getAttribute(name);
        return attribute == null || attribute.getValues().isEmpty() ? null : attribute.getValues().get(0).toString();
    }
}
