package dev.slipway.api;

import java.util.List;
import java.util.function.Function;

/** One page of a list and the token for the next one (null on the last page). */
public record Page<T>(List<T> items, String nextPageToken) {

    /**
     * Cuts rows fetched with {@link PageRequest#fetchSize()} to a page; the extra row, when
     * present, proves another page exists.
     */
    public static <E, T> Page<T> from(List<E> rows, PageRequest request, Function<E, String> sortKey, Function<E, T> view) {
        boolean more = rows.size() > request.pageSize();
        List<E> pageRows = more ? rows.subList(0, request.pageSize()) : rows;
        String next = more ? request.tokenAfter(sortKey.apply(pageRows.get(pageRows.size() - 1))) : null;
        return new Page<>(pageRows.stream().map(view).toList(), next);
    }
}
