package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Prints what a command answers in the chosen format: a table for people, or the API's own JSON
 * or YAML documents (lists as arrays of every item, all pages read) for scripts.
 */
final class Output {
    enum Format {
        table, json, yaml
    }

    /** A table column: its header and how to get the cell from an item. */
    record Column<T>(String header, Function<T, Object> value) {
    }

    static <T> Column<T> column(String header, Function<T, Object> value) {
        return new Column<>(header, value);
    }

    private final PrintWriter out;
    private final Format format;
    private final ObjectMapper json;
    private final ObjectMapper yaml;

    Output(PrintWriter out, Format format, ObjectMapper apiMapper) {
        this.out = out;
        this.format = format;
        this.json = apiMapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    }

    Format format() {
        return format;
    }

    /** A list: rows of the columns, or the items as one JSON/YAML array. */
    @SafeVarargs
    final <T> void list(List<T> items, Column<T>... columns) {
        if (format != Format.table) {
            document(items);
            return;
        }
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            header[i] = columns[i].header().toUpperCase();
        }
        rows.add(header);
        for (T item : items) {
            String[] row = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                row[i] = cell(columns[i].value().apply(item));
            }
            rows.add(row);
        }
        int[] widths = new int[columns.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** One object: label/value lines of the columns, or the whole document. */
    @SafeVarargs
    final <T> void one(T item, Column<T>... fields) {
        if (format != Format.table) {
            document(item);
            return;
        }
        int width = 0;
        for (Column<T> field : fields) {
            width = Math.max(width, field.header().length() + 1);
        }
        for (Column<T> field : fields) {
            Object value = field.value().apply(item);
            if (value != null) {
                out.println(String.format("%-" + width + "s  %s", field.header() + ":", cell(value)));
            }
        }
        out.flush();
    }

    /** A message for people in table format; nothing in json/yaml (where the document is printed instead). */
    void message(String text) {
        if (format == Format.table) {
            out.println(text);
            out.flush();
        }
    }

    void document(Object value) {
        try {
            JsonNode tree = json.valueToTree(value);
            out.print(format == Format.yaml ? yaml.writeValueAsString(tree) : json.writeValueAsString(tree) + "\n");
            out.flush();
        } catch (Exception e) {
            throw new CliFailure(ExitCodes.ERROR, "cannot print the answer: " + e.getMessage());
        }
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof OffsetDateTime time) {
            return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        String text = value.toString();
        return text.replace('\n', ' ');
    }
}
