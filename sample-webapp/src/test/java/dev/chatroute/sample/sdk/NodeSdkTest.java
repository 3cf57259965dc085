package dev.chatroute.sample.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The official {@code openai} npm client on the facade of both adapters: {@code sdk-checks.mjs}
 * makes a JSON call, a stream with usage, a streamed tool call (put together by the SDK's stream
 * helper) and a call refused with 429, once, and each test here judges one line it printed.
 */
class NodeSdkTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    class OnTheJaxrsFacade extends NodeChecks {
        @Override
        String base() {
            return "/v1";
        }
    }

    @Nested
    class OnTheServletFacade extends NodeChecks {
        @Override
        String base() {
            return "/servlet/v1";
        }
    }

    abstract static class NodeChecks extends FacadeFixture {

        final Map<String, JsonNode> checks = new HashMap<>();
        List<FacadeRequests.Seen> requests;
        List<String> providerModels;

        /** The script's checks run in this order, one provider call each. */
        @BeforeAll
        void runTheScript() throws Exception {
            resetFake();
            fake.enqueue(Reply.stream("Hello", " from", " Node."),
                    Reply.stream("Streamed", " to", " Node."),
                    ToolCallStream.of("call_n0de", "get_weather", "{\"city\"", ":\"Oslo\"}"),
                    Reply.error(429, "rate_limit_exceeded", "Slow down").header("Retry-After", "1"));
            List<String> lines = NodeScripts.run("sdk-checks.mjs",
                    Map.of("OPENAI_BASE_URL", baseUrl(), "OPENAI_API_KEY", ANY_KEY), Duration.ofSeconds(60));
            for (String line : lines) {
                JsonNode check = JSON.readTree(line);
                checks.put(check.path("check").asText(), check);
            }
            requests = FacadeRequests.seen();
            providerModels = fake.calls().stream().map(call -> call.json().path("model").asText()).toList();
        }

        JsonNode check(String name) {
            assertThat(checks).as("the script's lines").containsKey(name);
            JsonNode check = checks.get(name);
            assertThat(check.has("failed")).as(name + ": " + check).isFalse();
            return check;
        }

        @Test
        void theScriptRanEveryCheckOnceAndNothingElse() {
            assertThat(checks).containsOnlyKeys("json", "stream", "tool_call", "rate_limit");
            assertThat(requests).as("requests that reached the sample").hasSize(4)
                    .allSatisfy(seen -> assertThat(seen.path()).isEqualTo(base() + "/chat/completions"));
            assertThat(providerModels).containsOnly("fake-model");
        }

        @Test
        void aJsonAnswer() {
            JsonNode json = check("json");
            assertThat(json.path("object").asText()).isEqualTo("chat.completion");
            assertThat(json.path("id").asText()).startsWith("chatcmpl-");
            assertThat(json.path("model").asText()).isEqualTo("default");
            assertThat(json.path("content").asText()).isEqualTo("Hello from Node.");
            assertThat(json.path("finish_reason").asText()).isEqualTo("stop");
            assertThat(json.path("usage").path("total_tokens").asInt()).isEqualTo(14);
        }

        @Test
        void aStreamWithUsage() {
            JsonNode stream = check("stream");
            assertThat(stream.path("text").asText()).isEqualTo("Streamed to Node.");
            assertThat(stream.path("finish_reason").asText()).isEqualTo("stop");
            assertThat(stream.path("usage").path("prompt_tokens").asInt()).isEqualTo(11);
            assertThat(stream.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
        }

        @Test
        void aStreamedToolCall() {
            JsonNode tool = check("tool_call");
            assertThat(tool.path("finish_reason").asText()).isEqualTo("tool_calls");
            assertThat(tool.path("calls").asInt()).isEqualTo(1);
            assertThat(tool.path("id").asText()).isEqualTo("call_n0de");
            assertThat(tool.path("name").asText()).isEqualTo("get_weather");
            assertThat(tool.path("arguments").asText()).isEqualTo("{\"city\":\"Oslo\"}");
        }

        @Test
        void a429IsTheSdksRateLimitError() {
            JsonNode refused = check("rate_limit");
            assertThat(refused.path("refused").asBoolean()).as(refused.toString()).isTrue();
            assertThat(refused.path("status").asInt()).isEqualTo(429);
            assertThat(refused.path("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(refused.path("retry_after").asText()).matches("[1-9][0-9]*");
        }
    }
}
