package dev.chatroute.sample.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.sample.SampleServer;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chat page in real headless Chromium against the sample on real Jetty, with the fake provider
 * behind it. Each test gets a fresh app and provider (so limits and circuits start clean) and runs
 * on both routes; one browser serves the class.
 */
class ChatPageTest {

    private static final String KEY = "sk-browser-SECRET";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String UNAVAILABLE = "The AI service is unavailable right now, please try again";

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    private Chromium browser;
    private FakeProvider fake;
    private SampleServer app;
    private ChatPage page;

    @BeforeEach
    void startApp() {
        browser = chromium.browser();
        fake = FakeProvider.start();
        app = SampleServer.start(SampleServer.overFake(fake, KEY, Map.of()));
        page = new ChatPage(browser);
        browser.viewport(1280, 800, false);
        browser.colorScheme("light");
    }

    @AfterEach
    void stopApp() throws Exception {
        try {
            chromium.leavePage();
        } finally {
            app.close();
            fake.close();
        }
    }

    @ParameterizedTest(name = "via {0}")
    @ValueSource(strings = {"api/chat", "servlet/api/chat"})
    void anAnswerStreamsIntoThePageAsItArrives(String route) {
        fake.byDefault(Reply.words(40).gap(Duration.ofMillis(50)));
        String full = IntStream.range(0, 40).mapToObj(i -> "w" + i + " ").collect(Collectors.joining());
        page.open(app.uri("/")).useRoute(route).send("Count to forty");

        ChatPage.View partial = page.await("part of the answer", WAIT,
                v -> v.answer() != null && v.answer().startsWith("w0 ") && !v.answer().contains("w39"));
        assertThat(partial.state()).isEqualTo("streaming");
        assertThat(partial.sendEnabled()).as("Send while streaming").isFalse();
        assertThat(partial.stopEnabled()).as("Stop while streaming").isTrue();

        ChatPage.View done = page.awaitFinished(WAIT);
        assertThat(done.state()).isEqualTo("done");
        assertThat(done.answer()).isEqualTo(full);
        assertThat(done.notes()).anySatisfy(n -> assertThat(n).matches("\\d+ tokens \\(\\d+ in, \\d+ out\\)"));
        assertThat(done.sendEnabled()).isTrue();
        assertThat(done.stopEnabled()).isFalse();
        assertThat(page.fetched()).singleElement().satisfies(url -> assertThat(url).isEqualTo(app.uri("/" + route).toString()));
        JsonNode sent = fake.lastCall().json().get("messages");
        assertThat(sent.get(sent.size() - 1).get("content").asText()).isEqualTo("Count to forty");
    }

    @ParameterizedTest(name = "via {0}")
    @ValueSource(strings = {"api/chat", "servlet/api/chat"})
    void theConversationGoesWithEachMessage(String route) {
        fake.enqueue(Reply.stream("Paris."), Reply.stream("About 2.1 million."));
        page.open(app.uri("/")).useRoute(route).send("Capital of France?");
        page.awaitFinished(WAIT);
        page.send("How many people live there?");
        page.await("the second answer", WAIT, v -> "About 2.1 million.".equals(v.answer()) && v.finished());

        JsonNode messages = fake.lastCall().json().get("messages");
        assertThat(messages.findValuesAsText("content"))
                .containsSubsequence("Capital of France?", "Paris.", "How many people live there?");
        assertThat(messages.findValuesAsText("role")).containsSubsequence("user", "assistant", "user");
    }

    @ParameterizedTest(name = "via {0}")
    @ValueSource(strings = {"api/chat", "servlet/api/chat"})
    void theDemoProviderAnswersWithNoConfiguration(String route) throws Exception {
        SampleServer demo = SampleServer.start(Map.of()); // no chatroute.* setting at all
        try {
            page.open(demo.uri("/")).useRoute(route).send("What is this?\nIn two lines, please.");

            page.await("the first words", WAIT, v -> v.answer() != null && !v.answer().isEmpty());
            ChatPage.View done = page.awaitFinished(WAIT);
            assertThat(done.state()).isEqualTo("done");
            assertThat(done.answer())
                    .startsWith("Hello! This answer comes from Chatroute's built-in demo provider")
                    .contains("\n\nChatroute gives a Java web application")
                    .endsWith("You asked: \"What is this?\nIn two lines, please.\"");
            String slug = route.replace('/', '-');
            browser.screenshot("demo-desktop-" + slug);
            browser.viewport(390, 844, true);
            browser.screenshot("demo-phone-" + slug);
            browser.colorScheme("dark");
            browser.screenshot("demo-phone-dark-" + slug);
        } finally {
            browser.navigate(URI.create("about:blank"));
            demo.close();
        }
    }

    @ParameterizedTest(name = "via {0}")
    @ValueSource(strings = {"api/chat", "servlet/api/chat"})
    void aProviderFailureIsShownInPlainWords(String route) {
        fake.byDefault(Reply.error(500, "server_error", "boom"));
        page.open(app.uri("/")).useRoute(route).send("Hello?");

        ChatPage.View failed = page.awaitFinished(WAIT);
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.errors()).singleElement().satisfies(e -> assertThat(e).startsWith(UNAVAILABLE));
        assertThat(failed.userUnanswered()).isTrue();
        assertThat(failed.input()).as("the message is back in the box").isEqualTo("Hello?");
        assertThat(failed.sendEnabled()).isTrue();
        assertThat(page.visibleText()).doesNotContain("{", "upstream", "boom", "server_error", "\"error\"");
        browser.screenshot("provider-failure-" + route.replace('/', '-'));
    }

    @ParameterizedTest(name = "via {0}")
    @ValueSource(strings = {"api/chat", "servlet/api/chat"})
    void aRefusedMessageShowsTheServersOwnWords(String route) {
        page.open(app.uri("/?model=no-such-model")).useRoute(route).send("Hello?");

        ChatPage.View refused = page.awaitFinished(WAIT);
        assertThat(refused.errors()).containsExactly("Unknown model 'no-such-model'");
        assertThat(fake.callCount()).isZero();
        assertThat(page.visibleText()).doesNotContain("{", "invalid_request_error", "model_not_found");
    }

    @ParameterizedTest(name = "via {0}")
    @ValueSource(strings = {"api/chat", "servlet/api/chat"})
    void aStreamThatBreaksOffKeepsWhatArrived(String route) {
        fake.byDefault(Reply.words(10).gap(Duration.ofMillis(10)).cutAfter(4));
        page.open(app.uri("/")).useRoute(route).send("Tell me a story");

        ChatPage.View cut = page.awaitFinished(WAIT);
        assertThat(cut.state()).isEqualTo("failed");
        assertThat(cut.answer()).isEqualTo("w0 w1 w2 w3 ");
        assertThat(cut.errors()).singleElement().satisfies(e -> assertThat(e).startsWith(UNAVAILABLE));
        assertThat(cut.userUnanswered()).isFalse();
        assertThat(cut.input()).isEmpty();
    }

    @ParameterizedTest(name = "via {0}")
    @ValueSource(strings = {"api/chat", "servlet/api/chat"})
    void stopEndsTheStreamAndKeepsThePartialAnswer(String route) {
        fake.byDefault(Reply.words(1000).gap(Duration.ofMillis(100)));
        page.open(app.uri("/")).useRoute(route).send("Talk for a long time");
        page.await("three words", WAIT, v -> v.answer() != null && v.answer().contains("w2 "));

        page.clickStop();
        ChatPage.View stopped = page.awaitFinished(Duration.ofSeconds(2));
        fake.lastCall().awaitClientClose(Duration.ofSeconds(2));

        assertThat(stopped.state()).isEqualTo("stopped");
        assertThat(stopped.answer()).startsWith("w0 w1 w2 ").doesNotContain("w999");
        assertThat(stopped.notes()).contains("Stopped. The answer above is incomplete.");
        assertThat(stopped.sendEnabled()).isTrue();
        assertThat(stopped.stopEnabled()).isFalse();
        assertThat(page.view().answer()).as("nothing arrives after Stop").isEqualTo(stopped.answer());
        browser.screenshot("stopped-" + route.replace('/', '-'));
    }

    @ParameterizedTest(name = "via {0}")
    @ValueSource(strings = {"api/chat", "servlet/api/chat"})
    void theProviderKeyNeverReachesThePage(String route) {
        fake.enqueue(Reply.stream("Fine, thanks."),
                Reply.error(401, "invalid_api_key", "Incorrect API key provided: " + KEY));
        page.open(app.uri("/")).useRoute(route).send("How are you?");
        page.awaitFinished(WAIT);
        page.send("And your key?");
        ChatPage.View refused = page.await("the refusal", WAIT, v -> v.finished() && !v.errors().isEmpty());

        assertThat(refused.errors()).singleElement().satisfies(e -> assertThat(e).startsWith(UNAVAILABLE));
        assertThat(fake.lastCall().header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(page.html()).doesNotContain(KEY).doesNotContain("SECRET");
        assertThat(page.visibleText()).doesNotContain(KEY).doesNotContain("SECRET");
    }

    @Test
    void aServerThatCannotBeReachedIsShownInPlainWords() throws Exception {
        page.open(app.uri("/"));
        app.close();
        page.send("Anyone there?");

        ChatPage.View failed = page.awaitFinished(WAIT);
        assertThat(failed.errors()).containsExactly("Could not reach the server. Check your connection and try again.");
        assertThat(failed.input()).isEqualTo("Anyone there?");
    }
}
