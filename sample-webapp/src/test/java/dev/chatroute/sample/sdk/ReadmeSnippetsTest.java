package dev.chatroute.sample.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestSecrets;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's "Calling Chatroute with an OpenAI SDK" runs as written: the sample starts with the
 * section's configuration lines, its Java snippet is the body of a test here and its JavaScript
 * snippet is {@code src/test/node/readme-example.mjs}, and the README holds each of them verbatim.
 */
class ReadmeSnippetsTest extends FacadeFixture {

    static final Path README = Path.of("../README.md");
    static final Path THIS_SOURCE = Path.of("src/test/java/dev/chatroute/sample/sdk/ReadmeSnippetsTest.java");
    /** The key whose SHA-256 the README's configuration lines hold. */
    static final String README_CLIENT_KEY = TestSecrets.register("ck-reports-example-key");
    static final String METHOD_INDENT = " ".repeat(8);

    @Override
    String base() {
        return "/v1";
    }

    @Override
    Map<String, String> settings() {
        Map<String, String> settings = super.settings();
        settings.remove("chatroute.openai.enabled");
        settings.remove("chatroute.clients.reports.key-sha256");
        settings.remove("chatroute.clients.reports.roles");
        Properties lines = new Properties();
        try {
            lines.load(new StringReader(between(readme(), "<!-- sdk-config:begin -->\n```properties\n", "```")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        lines.stringPropertyNames().forEach(key -> settings.put(key, lines.getProperty(key)));
        return settings;
    }

    @Test
    void theJavaSnippetRunsAsWritten() {
        fake.enqueue(Reply.stream("Hi", " there."), Reply.stream("Once", " upon", " a time."));
        String baseUrl = baseUrl();
        String clientKey = README_CLIENT_KEY;

        // README:java begin
        // baseUrl: your app's URL and the facade's path, such as http://localhost:8080/v1;
        // clientKey: a client key (any text for a caller the app knows otherwise).
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl)
                .apiKey(clientKey)
                .build();

        ChatCompletion answer = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("default")
                .addUserMessage("Hello")
                .build());
        String text = answer.choices().get(0).message().content().orElse("");

        StringBuilder story = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("default").addUserMessage("Tell me a story").build())) {
            stream.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .flatMap(choice -> choice.delta().content().stream())
                    .forEach(story::append);
        }
        // README:java end

        assertThat(text).isEqualTo("Hi there.");
        assertThat(story).hasToString("Once upon a time.");
        assertThat(fake.calls()).extracting(call -> call.json().path("messages").toString())
                .containsExactly("[{\"role\":\"user\",\"content\":\"Hello\"}]",
                        "[{\"role\":\"user\",\"content\":\"Tell me a story\"}]");
        awaitLog("user=client:reports");
    }

    @Test
    void theJavaScriptSnippetRunsAsWritten() {
        fake.enqueue(Reply.stream("Hi", " there."), Reply.stream("Once", " upon", " a time."));

        List<String> printed = NodeScripts.run("readme-example.mjs",
                Map.of("OPENAI_BASE_URL", baseUrl(), "OPENAI_API_KEY", README_CLIENT_KEY), Duration.ofSeconds(60));

        assertThat(printed).containsExactly("Hi there.", "Once upon a time.");
        awaitLog("user=client:reports");
    }

    @Test
    void theReadmeShowsBothSnippetsAsTheyRun() throws IOException {
        String java = between(Files.readString(THIS_SOURCE, StandardCharsets.UTF_8),
                "// README:java begin\n", "        // README:java end").lines()
                .map(line -> line.startsWith(METHOD_INDENT) ? line.substring(METHOD_INDENT.length()) : line)
                .collect(Collectors.joining("\n", "", "\n"));
        String javascript = Files.readString(NodeScripts.DIR.resolve("readme-example.mjs"), StandardCharsets.UTF_8);

        assertThat(readme()).contains("<!-- sdk-java:begin -->\n```java\n" + java + "```\n<!-- sdk-java:end -->")
                .contains("<!-- sdk-javascript:begin -->\n```javascript\n" + javascript + "```\n<!-- sdk-javascript:end -->");
    }

    @Test
    void theConfigurationLinesTurnTheFacadeOnAndNameTheReadmesClient() {
        assertThat(server).isNotNull();
        assertThat(settings()).containsEntry("chatroute.openai.enabled", "true")
                .containsEntry("chatroute.clients.reports.key-sha256", sha256(README_CLIENT_KEY));
    }

    static String readme() {
        try {
            return Files.readString(README, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + README.toAbsolutePath(), e);
        }
    }

    /** The text between the first {@code start} and the next {@code end} after it. */
    static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("where " + start.strip() + " is").isNotNegative();
        int to = text.indexOf(end, from + start.length());
        assertThat(to).as("where " + end.strip() + " is, after " + start.strip()).isGreaterThan(from);
        return text.substring(from + start.length(), to);
    }
}
