package dev.slipway.api;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * What another feature still has that refers to a resource about to be deleted, so the delete
 * can answer 409 naming it instead of failing on a foreign key. A feature that refers to others'
 * resources implements this (environments refer to their application and their cluster); the
 * feature that deletes asks every guard through {@link DeletionGuards}, so neither imports the
 * other. The foreign keys stay as the last line of defence against a race between the check and
 * the delete ({@link StoreErrors} maps their violation to 409 too).
 */
public interface DeletionGuard {

    /**
     * What still uses the resource, each as a short phrase such as {@code environments [dev, qa]},
     * read in the current session; empty when nothing does or the kind is not this guard's concern.
     *
     * @param kind the resource kind as in {@link SlipwayException.NotFound} ("application", "cluster")
     */
    Uni<List<String>> usesOf(String kind, String name);
}
