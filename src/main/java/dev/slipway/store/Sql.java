package dev.slipway.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * One SQL statement with named parameters ({@code :name}), written once and run either in the
 * current Hibernate Reactive session (so it joins the request's transaction; Hibernate wants
 * {@code ?1}) or on a Vert.x client, a pool or a connection in a transaction of its own (the
 * PostgreSQL client wants {@code $1}). A name used twice is one parameter.
 *
 * <p>Statements that run in a session avoid PostgreSQL's {@code ::} casts (Hibernate's own
 * parameter parser may read them as parameters); {@code CAST(x AS type)} works in both.
 */
public final class Sql {
    private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

    private final Parsed parsed;
    private final Object[] values;
    private final boolean[] bound;

    private Sql(Parsed parsed) {
        this.parsed = parsed;
        this.values = new Object[parsed.names().size()];
        this.bound = new boolean[values.length];
    }

    /** Starts a statement; the text is a constant of the code, never built from input. */
    public static Sql of(String text) {
        return new Sql(PARSED.computeIfAbsent(text, Parsed::of));
    }

    /**
     * Gives a parameter its value. An {@link Instant} is bound as a UTC timestamp, since the
     * PostgreSQL client has no encoding for Instant.
     */
    public Sql bind(String name, Object value) {
        int index = parsed.names().indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no parameter :" + name + " in " + parsed.names());
        }
        values[index] = value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value;
        bound[index] = true;
        return this;
    }

    /** Runs it in the current Hibernate Reactive session; the number of rows it changed. */
    public Uni<Integer> updateInSession() {
        Object[] parameters = parameters();
        return Panache.getSession().flatMap(session -> withParameters(session.createNativeQuery(parsed.hibernate()), parameters)
                .executeUpdate());
    }

    /** Runs it in the current Hibernate Reactive session; its rows as the given entity. */
    public <T> Uni<List<T>> listInSession(Class<T> entity) {
        Object[] parameters = parameters();
        return Panache.getSession().flatMap(session -> withParameters(session.createNativeQuery(parsed.hibernate(), entity), parameters)
                .getResultList());
    }

    /** Runs it in the current Hibernate Reactive session; its rows as arrays of column values (two or more columns). */
    public Uni<List<Object[]>> rowsInSession() {
        Object[] parameters = parameters();
        return Panache.getSession().flatMap(session -> withParameters(session.<Object[]>createNativeQuery(parsed.hibernate()), parameters)
                .getResultList());
    }

    /** Runs it on a pool or connection. */
    public Uni<RowSet<Row>> execute(SqlClient client) {
        Tuple parameters = Tuple.from(Arrays.asList(parameters()));
        return client.preparedQuery(parsed.vertx()).execute(parameters);
    }

    /** The statement as Hibernate runs it (?n placeholders). */
    String hibernateText() {
        return parsed.hibernate();
    }

    /** The statement as the PostgreSQL client runs it ($n placeholders). */
    String vertxText() {
        return parsed.vertx();
    }

    private static <Q extends Mutiny.AbstractQuery> Q withParameters(Q query, Object[] parameters) {
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }

    private Object[] parameters() {
        for (int i = 0; i < bound.length; i++) {
            if (!bound[i]) {
                throw new IllegalStateException("parameter :" + parsed.names().get(i) + " has no value");
            }
        }
        return values.clone();
    }

    /** The text in both placeholder styles and the parameter names in placeholder order. */
    private record Parsed(String hibernate, String vertx, List<String> names) {

        static Parsed of(String text) {
            StringBuilder hibernate = new StringBuilder(text.length());
            StringBuilder vertx = new StringBuilder(text.length());
            List<String> names = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                int end = skipLiteral(text, i);
                if (end > i) {
                    hibernate.append(text, i, end);
                    vertx.append(text, i, end);
                    i = end;
                    continue;
                }
                char c = text.charAt(i);
                if (c == ':' && i + 1 < text.length() && Character.isJavaIdentifierStart(text.charAt(i + 1))) {
                    int nameEnd = i + 1;
                    while (nameEnd < text.length() && Character.isJavaIdentifierPart(text.charAt(nameEnd))) {
                        nameEnd++;
                    }
                    String name = text.substring(i + 1, nameEnd);
                    if (!names.contains(name)) {
                        names.add(name);
                    }
                    int number = names.indexOf(name) + 1;
                    hibernate.append('?').append(number);
                    vertx.append('$').append(number);
                    i = nameEnd;
                } else {
                    hibernate.append(c);
                    vertx.append(c);
                    i++;
                }
            }
            return new Parsed(hibernate.toString(), vertx.toString(), List.copyOf(names));
        }

        /**
         * The end of what starts at {@code i} and holds no parameters (a quoted string or name, a
         * line comment, a {@code ::} cast), or {@code i} itself when nothing of that kind starts there.
         */
        private static int skipLiteral(String text, int i) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int close = text.indexOf(c, i + 1);
                return close < 0 ? text.length() : close + 1;
            }
            if (text.startsWith("--", i)) {
                int newline = text.indexOf('\n', i);
                return newline < 0 ? text.length() : newline;
            }
            if (text.startsWith("::", i)) {
                return i + 2;
            }
            return i;
        }
    }
}
