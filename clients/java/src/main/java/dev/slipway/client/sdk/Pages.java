package dev.slipway.client.sdk;

import dev.slipway.client.ApiException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a paged list, fetching the next page (by its nextPageToken) only when the
 * previous one is used up.
 *
 * <pre>{@code
 * Pages.stream(token -> applications.listApplications(null, null, 100, token),
 *         ApplicationPage::getItems, ApplicationPage::getNextPageToken)
 *     .forEach(app -> System.out.println(app.getName()));
 * }</pre>
 */
public final class Pages {
    private Pages() {
    }

    /** One page call: given the page token (null for the first page), the page. */
    @FunctionalInterface
    public interface PageCall<P> {
        P fetch(String pageToken) throws ApiException;
    }

    public static <P, T> Stream<T> stream(PageCall<P> call, Function<P, List<T>> items, Function<P, String> nextPageToken) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(call, items, nextPageToken),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * An iterator over all items; an {@link ApiException} while fetching a page surfaces as a
     * {@link SlipwayCallException} (unchecked, with the exception as its cause).
     */
    public static <P, T> Iterator<T> iterator(PageCall<P> call, Function<P, List<T>> items, Function<P, String> nextPageToken) {
        return new Iterator<>() {
            private Iterator<T> page = null;
            private String next = null;
            private boolean last = false;

            @Override
            public boolean hasNext() {
                while (page == null || !page.hasNext()) {
                    if (last) {
                        return false;
                    }
                    P fetched;
                    try {
                        fetched = call.fetch(next);
                    } catch (ApiException e) {
                        throw new SlipwayCallException(e);
                    }
                    List<T> list = items.apply(fetched);
                    page = list == null ? List.<T>of().iterator() : list.iterator();
                    next = nextPageToken.apply(fetched);
                    last = next == null || next.isEmpty();
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }

    /** Unchecked wrapper of an {@link ApiException} thrown where an iterator cannot throw it. */
    public static final class SlipwayCallException extends UncheckedIOException {
        private final ApiException apiException;

        SlipwayCallException(ApiException cause) {
            super(cause.getMessage(), new java.io.IOException(cause));
            this.apiException = cause;
        }

        public ApiException apiException() {
            return apiException;
        }
    }
}
