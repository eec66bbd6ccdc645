package dev.slipway.local.sandbox;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The stock CRUD dispatcher with lookups that do not scan the whole store. The stock store keys
 * objects by attribute sets and answers every get, list, delete and write by testing every stored
 * object, so each request cost time proportional to everything stored (and the sandbox holds a
 * namespace's worth of objects per environment). A {@link StoreIndex} narrows single-object
 * lookups and namespaced lists to the few keys that can match; each is still tested as the scan
 * tests it, so the answers are the stock ones. Lists across namespaces, watches and deletions by
 * selector still scan.
 *
 * <p>The index follows every change the stock handlers commit: they all go through
 * {@link #processEvent}, under their own write lock, which takes {@link #store} for writing
 * (lock order: theirs, then ours; nothing here calls into them while holding {@link #store}).
 * Reads through the index take {@link #store} for reading, so they never see a change half made.
 * Callers serialise writes to one object themselves (see {@link SandboxDispatcher}).
 */
class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

    private static final int KEY_CACHE_SIZE = 4096;

    private final ReentrantReadWriteLock store = new ReentrantReadWriteLock();
    private final StoreIndex index = new StoreIndex();
    /** The latest resourceVersion handed out; a list reports the latest committed one, as the stock one does. */
    private final AtomicLong latestVersion = new AtomicLong();
    private volatile long committedVersion;
    /** Parsed paths (a URL parse plus a regular expression each): attribute sets are immutable, paths repeat. */
    private final Map<String, AttributeSet> keys = new ConcurrentHashMap<>();

    @Override
    public MockResponse handleGet(String path) {
        int queryStart = path.indexOf('?');
        if (queryStart >= 0 && path.indexOf("watch=true", queryStart) >= 0) {
            return super.handleGet(path);
        }
        AttributeSet query = getKey(path);
        List<Map.Entry<AttributeSet, String>> found;
        String version;
        store.readLock().lock();
        try {
            found = indexed(query);
            version = String.valueOf(committedVersion);
        } finally {
            store.readLock().unlock();
        }
        if (found == null) {
            return super.handleGet(path);
        }
        List<String> items = found.stream().map(Map.Entry::getValue).toList();
        if (query.containsKey(KubernetesAttributesExtractor.NAME)) {
            // As the stock handler answers: the object, or a bare 404.
            return items.isEmpty()
                    ? new MockResponse().setResponseCode(404)
                    : new MockResponse().setResponseCode(200).setBody(items.get(0));
        }
        return new MockResponse().setResponseCode(200)
                .setBody(((KubernetesResponseComposer) getResponseComposer()).compose(items, version));
    }

    /**
     * Deletes a named object as the stock handler would (gone at once, answered with its last
     * state). Objects with finalizers, which are only marked for deletion, and deletions by
     * selector take the stock path.
     */
    @Override
    public MockResponse handleDelete(String path) {
        AttributeSet query = getKey(path);
        if (!query.containsKey(KubernetesAttributesExtractor.NAME)) {
            return super.handleDelete(path);
        }
        List<Map.Entry<AttributeSet, String>> found;
        store.readLock().lock();
        try {
            found = indexed(query);
        } finally {
            store.readLock().unlock();
        }
        if (found == null || found.stream().anyMatch(entry -> entry.getValue().contains("\"finalizers\""))) {
            return super.handleDelete(path);
        }
        if (found.isEmpty()) {
            return new MockResponse().setResponseCode(404);
        }
        found.forEach(entry -> processEvent(path, query, entry.getKey(), null, null));
        return new MockResponse().setResponseCode(200).setBody(found.get(0).getValue());
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        store.readLock().lock();
        try {
            Collection<AttributeSet> candidates = index.candidates(query);
            List<Map.Entry<AttributeSet, String>> found = matching(candidates != null ? candidates : new ArrayList<>(getMap().keySet()),
                    query, 1);
            return found.isEmpty() ? null : found.get(0);
        } finally {
            store.readLock().unlock();
        }
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes, GenericKubernetesResource resource,
            String newState) {
        AttributeSet newAttributes = newState == null ? null : storeKey(pathAttributes, resource, newState);
        store.writeLock().lock();
        try {
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
            if (oldAttributes != null) {
                index.remove(oldAttributes);
            }
            if (newAttributes != null) {
                if (getMap().containsKey(newAttributes)) {
                    index.add(newAttributes);
                } else {
                    reindex(); // the stock handler keyed the object differently than foreseen: stay correct
                }
            }
            committedVersion = latestVersion.get();
        } finally {
            store.writeLock().unlock();
        }
    }

    @Override
    public AttributeSet getKey(String path) {
        AttributeSet key = keys.get(path);
        if (key == null) {
            if (keys.size() >= KEY_CACHE_SIZE) {
                keys.clear(); // pod names are random: keep the cache bounded
            }
            key = super.getKey(path);
            keys.put(path, key);
        }
        return key;
    }

    @Override
    public long requestResourceVersion() {
        long version = super.requestResourceVersion();
        latestVersion.accumulateAndGet(version, Math::max);
        return version;
    }

    @Override
    public void reset() {
        super.reset();
        store.writeLock().lock();
        try {
            reindex();
        } finally {
            store.writeLock().unlock();
        }
    }

    /** The stored objects matching the query, through the index; null when the index cannot narrow it. Needs {@link #store}. */
    private List<Map.Entry<AttributeSet, String>> indexed(AttributeSet query) {
        Collection<AttributeSet> candidates = index.candidates(query);
        return candidates == null ? null : matching(candidates, query, Integer.MAX_VALUE);
    }

    private List<Map.Entry<AttributeSet, String>> matching(Collection<AttributeSet> candidates, AttributeSet query, int limit) {
        List<Map.Entry<AttributeSet, String>> found = new ArrayList<>();
        for (AttributeSet key : candidates) {
            String object = key.matches(query) ? getMap().get(key) : null;
            if (object != null) {
                found.add(new AbstractMap.SimpleImmutableEntry<>(key, object));
                if (found.size() == limit) {
                    break;
                }
            }
        }
        return found;
    }

    /** The key the stock store files a written object under, computed as KubernetesCrudDispatcher.processEvent does. */
    private AttributeSet storeKey(AttributeSet pathAttributes, GenericKubernetesResource resource, String newState) {
        KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) getAttributeExtractor();
        AttributeSet attributes = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
        if (!attributes.containsKey(KubernetesAttributesExtractor.PLURAL)) {
            attributes = AttributeSet.merge(pathAttributes, attributes);
        }
        return attributes;
    }

    private void reindex() {
        index.clear();
        new ArrayList<>(getMap().keySet()).forEach(index::add);
    }
}
