package dev.chatroute.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A URL as a message may show it: no user-info, no query, no fragment, even when it does not parse. */
class SafeUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://api.example.com/v1|https://api.example.com/v1",
        "https://user:pw@api.example.com/v1|https://[hidden]@api.example.com/v1",
        "https://api.example.com/v1?key=pw|https://api.example.com/v1?[hidden]",
        "https://api.example.com/v1#pw|https://api.example.com/v1?[hidden]",
        "https://u:p/w?x@api.example.com/v1?key=pw|https://[hidden]@api.example.com/v1?[hidden]",
        "not a url?pw|not a url?[hidden]",
        "user:pw@host/v1|[hidden]@host/v1"})
    void credentialsAreHidden(String url, String shown) {
        assertThat(SafeUrl.of(url)).isEqualTo(shown).doesNotContain("pw");
    }
}
