package dev.chatroute.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** What the benchmarks share: typical bodies, and quiet logging (logback's default is DEBUG to the console). */
final class BenchSupport {

    private BenchSupport() {
    }

    /** A typical chat page request: a short conversation, a model alias, streaming, parameters, metadata. */
    static final String TYPICAL_BODY = """
            {"messages":[
              {"role":"user","content":"What is the difference between a servlet filter and a JAX-RS resource?"},
              {"role":"assistant","content":"A filter sees every request to the paths it is mapped to; a resource answers one route."},
              {"role":"user","content":"Which one should I use for a streaming chat route in a Jakarta EE 10 application?"}],
             "model":"default","stream":true,"max_tokens":512,"temperature":0.7,
             "metadata":{"feature":"help-widget","page":"/docs/install"}}
            """;

    /** Roughly {@code tokens} tokens of ordinary English prose (o200k: about 1.3 tokens per word here). */
    static String prose(int tokens) {
        String[] words = ("the gateway validates each request applies per user limits and streams the answer "
                + "from an upstream provider while the servlet container keeps the connection open without "
                + "holding a thread for every waiting client so that thousands of slow streams fit in one "
                + "small server").split(" ");
        StringBuilder text = new StringBuilder();
        int approxWords = (int) (tokens / 1.05);
        for (int i = 0; i < approxWords; i++) {
            text.append(words[i % words.length]).append(i % 17 == 16 ? ". " : " ");
        }
        return text.toString().trim();
    }

    static void quietLogs() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }
}
