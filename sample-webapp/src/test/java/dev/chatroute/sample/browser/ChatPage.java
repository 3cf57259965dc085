package dev.chatroute.sample.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The chat page as a person uses it: pick a route, type, press Enter or Stop, read the answer. */
final class ChatPage {

    /** What the page shows of its last exchange, read in one go. */
    record View(String answer, String state, List<String> notes, List<String> errors, boolean userUnanswered,
            String input, boolean sendEnabled, boolean stopEnabled) {

        boolean finished() {
            return state != null && !state.equals("streaming");
        }
    }

    private static final String VIEW = """
            (() => {
              const answer = [...document.querySelectorAll('.message.assistant')].pop();
              const user = [...document.querySelectorAll('.message.user')].pop();
              const texts = (selector) => answer ? [...answer.querySelectorAll(selector)].map(e => e.textContent) : [];
              return {
                answer: answer ? answer.querySelector('.text').textContent : null,
                state: answer ? answer.dataset.state : null,
                notes: texts('.note'),
                errors: texts('.note.error[role=alert]'),
                userUnanswered: !!user && user.classList.contains('unanswered'),
                input: document.getElementById('message').value,
                sendEnabled: !document.getElementById('send').disabled,
                stopEnabled: !document.getElementById('stop').disabled,
              };
            })()""";

    private final Chromium browser;

    ChatPage(Chromium browser) {
        this.browser = browser;
    }

    ChatPage open(URI page) {
        browser.navigate(page);
        return this;
    }

    /** Chooses the route in the page's selector: "api/chat" or "servlet/api/chat". */
    ChatPage useRoute(String route) {
        boolean chosen = browser.evaluate("""
                (() => {
                  const select = document.getElementById('route');
                  select.value = %s;
                  select.dispatchEvent(new Event('change', { bubbles: true }));
                  return select.value === %1$s;
                })()""".formatted(Chromium.quote(route))).asBoolean();
        if (!chosen) {
            throw new AssertionError("the page offers no route " + route);
        }
        return this;
    }

    /** Types into the message box; "\n" becomes Shift+Enter, as a person makes a new line. */
    ChatPage type(String text) {
        browser.evaluate("document.getElementById('message').focus()");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                browser.pressEnter(true);
            }
            if (!lines[i].isEmpty()) {
                browser.insertText(lines[i]);
            }
        }
        return this;
    }

    /** Types the message and presses Enter. */
    ChatPage send(String message) {
        type(message);
        browser.pressEnter(false);
        return this;
    }

    ChatPage clickStop() {
        browser.evaluate("document.getElementById('stop').click()");
        return this;
    }

    View view() {
        JsonNode v = browser.evaluate(VIEW);
        return new View(v.path("answer").textValue(), v.path("state").textValue(), strings(v.path("notes")),
                strings(v.path("errors")), v.path("userUnanswered").asBoolean(), v.path("input").asText(),
                v.path("sendEnabled").asBoolean(), v.path("stopEnabled").asBoolean());
    }

    /** Polls the page until its view passes {@code until}; fails with the last view after the limit. */
    View await(String what, Duration limit, Predicate<View> until) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            View last = view();
            if (until.test(last)) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toMillis() + "ms for " + what + "; the page shows " + last);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }

    /** Waits until the last answer is no longer streaming. */
    View awaitFinished(Duration limit) {
        return await("the answer to finish", limit, View::finished);
    }

    /** The whole document as HTML, and the text a person sees. */
    String html() {
        return browser.evaluate("document.documentElement.outerHTML").asText();
    }

    String visibleText() {
        return browser.evaluate("document.body.innerText").asText();
    }

    /** The URLs the page fetched with fetch(), oldest first. */
    List<String> fetched() {
        return strings(browser.evaluate(
                "performance.getEntriesByType('resource').filter(e => e.initiatorType === 'fetch').map(e => e.name)"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
