package dev.chatroute.sample.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatroute.sample.SampleServer;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The usage dashboard in real headless Chromium against the sample on real Jetty and its H2 ledger,
 * after known calls: five users (one spending far above the median) and one upstream 429.
 */
class UsageDashboardTest {

    private static final String KEY = "sk-dashboard-SECRET";
    private static final String BIG_SPENDER = "anon:198.51.100.9";

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    private Chromium browser;
    private FakeProvider fake;
    private SampleServer app;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startApp() {
        browser = chromium.browser();
        fake = FakeProvider.start();
        app = SampleServer.start(SampleServer.overFake(fake, KEY, Map.of(
                "chatroute.providers.fake.prices", "fake-model=2.00/8.00",
                "chatroute.retry.initial-delay", "1ms")));
        browser.viewport(1280, 1000, false);
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

    @Test
    void theChartsAreDrawnTheOutlierIsMarkedAndACrossedThresholdIsRed() throws Exception {
        fake.byDefault(Reply.json("Hi").promptTokens(1000));
        for (String user : new String[] {"198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"}) {
            chat(user);
        }
        // the big spender's call is answered 429 once, then retried: 1 of 6 upstream attempts is a 429
        fake.enqueue(Reply.error(429, "rate_limit_error", "slow down"), Reply.json("Hi").promptTokens(100_000));
        chat("198.51.100.9");
        await().atMost(Duration.ofSeconds(10)).until(this::recordedCalls, calls -> calls == 5);

        browser.onEveryDocument("window.cspViolations = []; document.addEventListener('securitypolicyviolation', "
                + "e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        browser.navigate(app.uri("/admin/usage"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.evaluate("document.body.dataset.loaded === 'true'").asBoolean());

        JsonNode spend = browser.evaluate(chartState("spend-chart"));
        assertThat(spend.path("datasets").asInt()).isEqualTo(1);
        assertThat(spend.path("total").asDouble()).isCloseTo(0.208040, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(spend.path("paintedPixels").asInt()).as("pixels the spend chart painted").isGreaterThan(500);
        JsonNode users = browser.evaluate(chartState("users-chart"));
        assertThat(users.path("points").asInt()).isEqualTo(5);
        assertThat(users.path("paintedPixels").asInt()).as("pixels the users chart painted").isGreaterThan(500);

        JsonNode rows = browser.evaluate("""
                [...document.querySelectorAll('#users tbody tr')].map(r => ({ user: r.dataset.user,
                  outlier: r.classList.contains('outlier'), badge: r.querySelector('.badge')?.textContent ?? null }))""");
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).path("user").asText()).isEqualTo(BIG_SPENDER);
        assertThat(rows.get(0).path("outlier").asBoolean()).isTrue();
        assertThat(rows.get(0).path("badge").asText()).isEqualTo("outlier");
        for (int i = 1; i < 5; i++) {
            assertThat(rows.get(i).path("outlier").asBoolean()).as(rows.get(i).path("user").asText()).isFalse();
        }

        JsonNode tiles = browser.evaluate("""
                Object.fromEntries([...document.querySelectorAll('#monitoring .tile')].map(t => [t.dataset.metric,
                  { alert: t.classList.contains('alert'), color: getComputedStyle(t.querySelector('.value')).color,
                    text: t.querySelector('.value').textContent }]))""");
        assertThat(tiles.path("rate429").path("alert").asBoolean()).isTrue();
        assertThat(tiles.path("rate429").path("text").asText()).isEqualTo("16.7 %");
        assertThat(tiles.path("rate429").path("color").asText()).isEqualTo("rgb(176, 0, 32)");
        assertThat(tiles.path("retryMultiplier").path("alert").asBoolean()).isTrue(); // 6 attempts / 5 calls = 1.2
        assertThat(tiles.path("fallbackRate").path("alert").asBoolean()).isFalse();
        assertThat(tiles.path("fallbackRate").path("color").asText()).isNotEqualTo("rgb(176, 0, 32)");
        assertThat(tiles.path("costPerSuccessfulCall").path("alert").asBoolean()).isFalse(); // $0.0416 < $0.05
        assertThat(browser.evaluate("window.cspViolations")).as("the sample's Content-Security-Policy holds").isEmpty();
        browser.screenshot("usage-dashboard"); // for a person to look at: target/browser/usage-dashboard.png
    }

    /** How many datasets and points a chart holds, their sum, and how many pixels of its canvas are painted. */
    private static String chartState(String id) {
        return """
                (() => {
                  const canvas = document.getElementById(%s);
                  const chart = Chart.getChart(canvas);
                  const values = chart ? chart.data.datasets.flatMap(d => d.data) : [];
                  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                  let painted = 0;
                  for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) painted++; }
                  return { datasets: chart ? chart.data.datasets.length : 0, points: values.length,
                           total: values.reduce((a, b) => a + b, 0), paintedPixels: painted };
                })()""".formatted(Chromium.quote(id));
    }

    private void chat(String forwardedFor) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(app.uri("/servlet/api/chat"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{\"userMessage\":\"Hi\",\"stream\":false}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private long recordedCalls() throws Exception {
        HttpResponse<String> report = http.send(HttpRequest.newBuilder(app.uri("/admin/usage.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        return report.statusCode() == 200 ? new ObjectMapper().readTree(report.body()).path("totals").path("calls").asLong() : -1;
    }
}
