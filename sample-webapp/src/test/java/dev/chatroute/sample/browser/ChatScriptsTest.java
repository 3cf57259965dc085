package dev.chatroute.sample.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.sample.SampleServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The page's own modules, run in the browser: the SSE parser on the awkward chunkings a network
 * produces, and the plain-words messages for every error the contract lists.
 */
class ChatScriptsTest {

    private static Chromium browser;
    private static SampleServer app;

    @BeforeAll
    static void openPage() {
        app = SampleServer.start(Map.of());
        browser = Chromium.launch();
        browser.navigate(app.uri("/"));
    }

    @AfterAll
    static void close() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            app.close();
        }
    }

    /** Feeds the chunks to a fresh parser and returns the events as [event, data] pairs. */
    private static JsonNode parse(String... chunks) {
        return browser.evaluate("""
                (async () => {
                  const { createSseParser } = await import(new URL('sse.js', document.baseURI).href);
                  const events = [];
                  const parser = createSseParser(e => events.push([e.event, e.data]));
                  for (const chunk of %s) parser.push(chunk);
                  return events;
                })()""".formatted(json(chunks)));
    }

    private static String describe(int status, String errorJson, String retryAfter) {
        return browser.evaluate("""
                (async () => {
                  const m = await import(new URL('errors.js', document.baseURI).href);
                  return m.describe(%d, %s, m.retryAfterSeconds(%s));
                })()""".formatted(status, errorJson, Chromium.quote(retryAfter))).asText();
    }

    private static String json(Object value) {
        try {
            return CdpConnection.JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eventsSplitAcrossChunksAreJoined() {
        JsonNode events = parse("event: del", "ta\ndata: {\"text\":\"Hel\"", "}\n", "\nevent: delta\ndata: {\"te",
                "xt\":\"lo\"}\n\n");
        assertThat(events.toString()).isEqualTo("[[\"delta\",\"{\\\"text\\\":\\\"Hel\\\"}\"],"
                + "[\"delta\",\"{\\\"text\\\":\\\"lo\\\"}\"]]");
    }

    @Test
    void severalDataLinesJoinWithNewlines() {
        JsonNode events = parse("data: first\ndata:second\ndata:  third\n\n");
        assertThat(events.get(0).get(1).asText()).isEqualTo("first\nsecond\n third");
        assertThat(events.get(0).get(0).asText()).isEqualTo("message");
    }

    @Test
    void commentLinesAndUnknownFieldsAreIgnored() {
        JsonNode events = parse(": keepalive\n\n", ": keep", "alive\nid: 7\nretry: 10\nevent: done\ndata: {}\n\n");
        assertThat(events.toString()).isEqualTo("[[\"done\",\"{}\"]]");
    }

    @Test
    void crlfAndCrLineEndsWorkEvenWhenSplitBetweenChunks() {
        JsonNode events = parse("event: a\r", "\ndata: 1\r\n\r", "\nevent: b\rdata: 2\r\r");
        assertThat(events.toString()).isEqualTo("[[\"a\",\"1\"],[\"b\",\"2\"]]");
    }

    @Test
    void anEventCutOffByTheEndOfTheStreamIsNotDelivered() {
        assertThat(parse("event: delta\ndata: {\"text\":\"x\"}\n").size()).isZero();
    }

    @Test
    void errorsReadAsPlainWords() {
        assertThat(describe(429, "{code: 'requests_per_minute'}", "12"))
                .isEqualTo("You are sending messages too quickly. Try again in 12 seconds.");
        assertThat(describe(429, "{code: 'requests_per_minute'}", "1"))
                .isEqualTo("You are sending messages too quickly. Try again in 1 second.");
        assertThat(describe(429, "{code: 'tokens_per_day'}", "7200"))
                .isEqualTo("You have used up your chat allowance for now. Try again in 2 hours.");
        assertThat(describe(400, "{message: 'messages[0].role must be user or assistant'}", ""))
                .isEqualTo("messages[0].role must be user or assistant");
        assertThat(describe(401, "{}", "")).startsWith("You need to sign in");
        assertThat(describe(403, "{}", "")).startsWith("You do not have permission");
        assertThat(describe(413, "{}", "")).startsWith("This conversation is too long to send.");
        assertThat(describe(502, "{}", "")).isEqualTo("The AI service is unavailable right now, please try again.");
        assertThat(describe(503, "{}", "30"))
                .isEqualTo("The AI service is unavailable right now, please try again in 30 seconds.");
        assertThat(describe(504, "{}", "")).isEqualTo("The AI service is too slow right now, please try again.");
        assertThat(describe(500, "{}", "")).isEqualTo("Something went wrong on the server. Please try again in a moment.");
    }
}
