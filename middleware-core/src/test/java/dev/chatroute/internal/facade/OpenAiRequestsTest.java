package dev.chatroute.internal.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatroute.ApiError;
import dev.chatroute.ApiErrorException;
import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.internal.config.InputSettings;
import dev.chatroute.internal.pipeline.Dialect;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiRequestsTest {

    static final InputSettings INPUT = new InputSettings(65_536, 8_000, 50, 1_000, false, null);
    static final String USER = "{\"role\":\"user\",\"content\":\"Hi\"}";

    final OpenAiRequests requests = new OpenAiRequests(INPUT, Set.of("default", "fast")::contains);

    Dialect.Parsed parse(String json) {
        return requests.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static String body(String fields) {
        return "{\"model\":\"default\",\"messages\":[" + USER + "]" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    ApiError refused(String json) {
        ApiErrorException e = catchThrowableOfType(ApiErrorException.class, () -> parse(json));
        assertThat(e).as("refused: " + json).isNotNull();
        return e.error();
    }

    @Test
    void aPlainRequestIsTheAliasTheMessagesAndTheDefaults() {
        Dialect.Parsed parsed = parse(body(""));

        ChatRequest request = parsed.request();
        assertThat(request.model()).isEqualTo("default");
        assertThat(request.messages()).containsExactly(ChatMessage.user("Hi"));
        assertThat(request.stream()).isFalse();
        assertThat(request.maxTokens()).isEqualTo(1_000);
        assertThat(parsed.streamUsage()).isFalse();
    }

    @Test
    void aStreamIsAskedForInTheBodyAndIncludeUsageAddsTheUsageChunk() {
        Dialect.Parsed parsed = parse(body("\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        assertThat(parsed.request().stream()).isTrue();
        assertThat(parsed.streamUsage()).isTrue();
    }

    @Test
    void textPartsAreJoinedAndDeveloperIsSystemWhereSystemIsAllowed() {
        OpenAiRequests lenient = new OpenAiRequests(new InputSettings(65_536, 8_000, 50, 1_000, true, null),
                "default"::equals);
        String json = "{\"model\":\"default\",\"messages\":[{\"role\":\"developer\",\"content\":\"Be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello \"},{\"type\":\"text\",\"text\":\"you\"}]}]}";

        ChatRequest request = lenient.parse(json.getBytes(StandardCharsets.UTF_8)).request();

        assertThat(request.messages()).containsExactly(ChatMessage.system("Be brief"), ChatMessage.user("Hello you"));
    }

    @Test
    void theSmallerOfMaxTokensAndMaxCompletionTokensIsTheCap() {
        assertThat(parse(body("\"max_completion_tokens\":30")).request().maxTokens()).isEqualTo(30);
        assertThat(parse(body("\"max_tokens\":40,\"max_completion_tokens\":30")).request().maxTokens()).isEqualTo(30);
        assertThat(parse(body("\"max_tokens\":20,\"max_completion_tokens\":30")).request().maxTokens()).isEqualTo(20);
    }

    @Test
    void userIsMetadataNeverTheIdentity() {
        ChatRequest request = parse(body("\"user\":\"end-user-7\",\"metadata\":{\"feature\":\"faq\"}")).request();

        assertThat(request.metadata()).containsEntry("user", "end-user-7").containsEntry("feature", "faq");
    }

    @Test
    void whatSdksAndFrameworksSendByDefaultIsAccepted() {
        String defaults = "\"n\":1,\"presence_penalty\":0,\"frequency_penalty\":0.0,\"logit_bias\":{},\"logprobs\":false,"
                + "\"store\":false,\"service_tier\":\"auto\",\"temperature\":null,"
                + "\"top_p\":1,\"stream\":false,\"stream_options\":null,\"user\":null";

        assertThat(parse(body(defaults)).request().model()).isEqualTo("default");
    }

    @Test
    void anAssistantMessageThatOnlyCalledToolsAndTheToolsAnswerAreKept() {
        String json = "{\"model\":\"default\",\"messages\":[" + USER + ",{\"role\":\"assistant\",\"content\":null,"
                + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
                + "\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"sunny\"}]}";

        ChatRequest request = parse(json).request();

        assertThat(request.messages().get(1).toolCalls()).singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("weather"));
        assertThat(request.messages().get(2).toolCallId()).isEqualTo("call_1");
    }

    @Test
    void anAnswerSentBackAsTheSdkGaveItIsAccepted() {
        String json = "{\"model\":\"default\",\"messages\":[" + USER + ",{\"role\":\"assistant\",\"content\":\"Hello\","
                + "\"refusal\":null,\"annotations\":[]}," + USER + "]}";

        assertThat(parse(json).request().messages().get(1)).isEqualTo(ChatMessage.assistant("Hello"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'\"n\":2'                                       | parameter_out_of_range | n",
        "'\"max_tokens\":0'                              | parameter_out_of_range | max_tokens",
        "'\"max_completion_tokens\":1001'                | parameter_out_of_range | max_completion_tokens",
        "'\"temperature\":3'                             | parameter_out_of_range | temperature",
        "'\"stream\":\"yes\"'                            | invalid_parameter      | stream",
        "'\"stream_options\":{\"include_usage\":1}'      | invalid_parameter      | stream_options.include_usage",
        "'\"stream_options\":{\"chunk\":true}'           | unknown_field          | stream_options.chunk",
        "'\"presence_penalty\":0.5'                      | unsupported_parameter  | presence_penalty",
        "'\"logit_bias\":{\"50256\":-100}'               | unsupported_parameter  | logit_bias",
        "'\"logprobs\":true'                             | unsupported_parameter  | logprobs",
        "'\"audio\":{}'                                  | unknown_field          | audio",
        "'\"user\":42'                                   | invalid_parameter      | user",
        "'\"metadata\":{\"k\":1}'                        | invalid_parameter      | metadata.k",
    })
    void aBadFieldIsA400NamingIt(String fields, String code, String param) {
        ApiError error = refused(body(fields));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.param()).isEqualTo(param);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'{\"messages\":[" + USER + "]}'                                            | invalid_parameter | model",
        "'{\"model\":\"gpt-9\",\"messages\":[" + USER + "]}'                        | model_not_found | model",
        "'{\"model\":\"default\",\"messages\":[]}'                                  | invalid_messages | messages",
        "'{\"model\":\"default\",\"messages\":[{\"role\":\"function\",\"content\":\"x\"}]}' | invalid_role | messages[0].role",
        "'{\"model\":\"default\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}'   | system_message_not_allowed | messages[0].role",
        "'{\"model\":\"default\",\"messages\":[{\"role\":\"developer\",\"content\":\"x\"}]}' | system_message_not_allowed | messages[0].role",
        "'{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}]}' | invalid_message | messages[0].content[0].type",
        "'{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"  \"}]}' | invalid_message | messages[0].content",
        "'{\"model\":\"default\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}' | invalid_message | messages[0].tool_call_id",
        "'{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"mood\":1}]}' | unknown_field | messages[0].mood",
    })
    void aBadMessageOrModelIsA400NamingTheField(String json, String code, String param) {
        ApiError error = refused(json);

        assertThat(error.code()).isEqualTo(code);
        assertThat(error.param()).isEqualTo(param);
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsInvalidJson() {
        assertThat(refused("[1]").code()).isEqualTo("invalid_json");
        assertThat(refused("{\"model\":").code()).isEqualTo("invalid_json");
        assertThat(refused("").code()).isEqualTo("invalid_json");
    }
}
