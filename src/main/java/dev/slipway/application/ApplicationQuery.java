package dev.slipway.application;

/** Filters and paging of an application list, as the caller gave them. */
public record ApplicationQuery(Integer pageSize, String pageToken, String labelSelector, String ownerGroup) {
}
