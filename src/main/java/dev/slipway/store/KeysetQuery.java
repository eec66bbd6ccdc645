package dev.slipway.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import dev.slipway.api.PageRequest;
import dev.slipway.api.SlipwayException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One page of a keyset-paginated list as SQL. Each condition is written together with its own
 * values ({@code "owner_group = ?"}, value), so a filter and its parameter can never drift apart
 * the way a string of appended conditions and a separate list of setParameter calls can. The same
 * query runs as a Hibernate Reactive native query in the current session (placeholders {@code ?1},
 * {@code ?2}, collections expand for {@code IN (?)}) or on a Vert.x pool ({@code $1}, {@code $2}).
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
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql(Placeholders.HIBERNATE), entity);
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            return query.getResultList();
        });
    }

    /** The rows mapped one by one, on the given pool. */
    public <T> Uni<List<T>> list(Pool pool, Function<Row, T> mapper) {
        return pool.preparedQuery(sql(Placeholders.VERTX)).execute(Tuple.from(parameters)).map(rows -> {
            List<T> result = new ArrayList<>();
            rows.forEach(row -> result.add(mapper.apply(row)));
            return result;
        });
    }

    enum Placeholders {
        HIBERNATE("?"), VERTX("$");

        private final String prefix;

        Placeholders(String prefix) {
            this.prefix = prefix;
        }
    }

    String sql(Placeholders placeholders) {
        StringBuilder sql = new StringBuilder(select);
        int next = 1;
        for (int i = 0; i < conditions.size(); i++) {
            sql.append(i == 0 ? " WHERE " : " AND ");
            String condition = conditions.get(i);
            sql.append('(');
            for (char c : condition.toCharArray()) {
                if (c == '?') {
                    sql.append(placeholders.prefix).append(next++);
                } else {
                    sql.append(c);
                }
            }
            sql.append(')');
        }
        if (orderBy != null) {
            sql.append(" ORDER BY ").append(orderBy).append(" LIMIT ").append(limit);
        }
        return sql.toString();
    }

    List<Object> parameters() {
        return Collections.unmodifiableList(parameters);
    }
}
