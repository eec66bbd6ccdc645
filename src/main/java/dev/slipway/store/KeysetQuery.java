package dev.slipway.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import dev.slipway.api.PageRequest;
import dev.slipway.api.SlipwayException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * One page of a keyset-paginated list as SQL. Each condition is written together with its own
 * values ({@code "owner_group = ?"}, value), so a filter and its parameter can never drift apart
 * the way a string of appended conditions and a separate list of setParameter calls can. The same
 * query runs as one {@link Sql} statement, in the current Hibernate Reactive session (where a
 * collection value expands for {@code IN (?)}) or on a Vert.x pool.
 *
 * <p>{@code ?} marks a parameter, so PostgreSQL's jsonb {@code ?} operators cannot be written here
 * (use {@code jsonb_exists} instead); conditions are fixed text from the code, never input.
 */
public final class KeysetQuery {
    private final String select;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();
    private String orderBy;
    private int limit;

    private KeysetQuery(String select) {
        this.select = select;
    }

    /** Starts a query, e.g. {@code select("SELECT * FROM applications")}. */
    public static KeysetQuery select(String selectFrom) {
        return new KeysetQuery(selectFrom);
    }

    /** A condition that always applies; one value per {@code ?}, in order. */
    public KeysetQuery where(String condition, Object... values) {
        if (condition.chars().filter(c -> c == '?').count() != values.length) {
            throw new IllegalArgumentException("'" + condition + "' needs one value per ?, got " + values.length);
        }
        conditions.add(condition);
        parameters.addAll(Arrays.asList(values));
        return this;
    }

    /** A condition that applies only when {@code include} holds (a filter or a visibility limit). */
    public KeysetQuery whereIf(boolean include, String condition, Object... values) {
        return include ? where(condition, values) : this;
    }

    /** A filter the caller may leave out: applies only when the value is given. */
    public KeysetQuery whereGiven(String condition, Object value) {
        return whereIf(value != null, condition, value);
    }

    /**
     * The keyset condition: rows after the page token's key, when the request continues a list.
     * The key is parsed by {@code parseKey} into the condition's values; a key that does not
     * parse is a token this list never issued (400 on pageToken).
     */
    public KeysetQuery after(PageRequest page, String condition, Function<String, List<?>> parseKey) {
        if (page.afterKey() == null) {
            return this;
        }
        List<?> key;
        try {
            key = parseKey.apply(page.afterKey());
        } catch (RuntimeException e) {
            throw SlipwayException.Invalid.field("pageToken", "is not a token returned by this list");
        }
        return where(condition, key.toArray());
    }

    /** Orders by the page's sort key and fetches one row more than a page (see {@link PageRequest#fetchSize()}). */
    public KeysetQuery page(String orderBy, PageRequest page) {
        this.orderBy = orderBy;
        this.limit = page.fetchSize();
        return this;
    }

    /** The rows as entities, in the current Hibernate Reactive session. */
    public <T> Uni<List<T>> list(Class<T> entity) {
        return statement().listInSession(entity);
    }

    /** The rows mapped one by one, on the given pool. */
    public <T> Uni<List<T>> list(Pool pool, Function<Row, T> mapper) {
        return statement().execute(pool).map(rows -> {
            List<T> result = new ArrayList<>();
            rows.forEach(row -> result.add(mapper.apply(row)));
            return result;
        });
    }

    /**
     * The query as one {@link Sql} statement: each {@code ?} becomes a named parameter
     * ({@code :p1}, {@code :p2}, ...) bound to its value, so placeholders are converted in one place.
     */
    Sql statement() {
        StringBuilder text = new StringBuilder(select);
        int next = 0;
        for (int i = 0; i < conditions.size(); i++) {
            text.append(i == 0 ? " WHERE (" : " AND (");
            for (char c : conditions.get(i).toCharArray()) {
                if (c == '?') {
                    text.append(":p").append(++next);
                } else {
                    text.append(c);
                }
            }
            text.append(')');
        }
        if (orderBy != null) {
            // The limit is a parameter too: one statement text per combination of filters, not per page size.
            text.append(" ORDER BY ").append(orderBy).append(" LIMIT :limit");
        }
        Sql statement = Sql.of(text.toString());
        for (int i = 0; i < parameters.size(); i++) {
            statement.bind("p" + (i + 1), parameters.get(i));
        }
        return orderBy == null ? statement : statement.bind("limit", limit);
    }
}
