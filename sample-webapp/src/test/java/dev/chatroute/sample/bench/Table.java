package dev.chatroute.sample.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** A Markdown table, printed whole once its phase ends, and the percentile helpers its cells use. */
final class Table {

    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String title, String... header) {
        this.title = title;
        this.header = List.of(header);
    }

    void row(Object... cells) {
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
    }

    String markdown() {
        StringBuilder md = new StringBuilder("\n**").append(title).append("**\n\n");
        md.append("| ").append(String.join(" | ", header)).append(" |\n");
        md.append("|").append(" --- |".repeat(header.size())).append('\n');
        rows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return md.toString();
    }

    /** The q-quantile (nearest rank) of the successful calls' durations, in ms; NaN when none succeeded. */
    static double quantile(List<LoadClient.Call> calls, ToLongFunction<LoadClient.Call> nanos, double q) {
        long[] sorted = calls.stream().filter(LoadClient.Call::ok).mapToLong(nanos).filter(n -> n >= 0).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, "%.1f", millis);
    }

    static String pair(double a, double b) {
        return ms(a) + " / " + ms(b);
    }

    static String num(double value, String format) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }
}
