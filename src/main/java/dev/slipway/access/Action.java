package dev.slipway.access;

/** What a caller wants to do to a resource. */
public enum Action {
    READ, CREATE, UPDATE, DELETE
}
