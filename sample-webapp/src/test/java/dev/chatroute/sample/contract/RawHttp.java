package dev.chatroute.sample.contract;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chat call written byte for byte ({@link dev.chatroute.sample.RawHttp}), for what
 * {@code java.net.http} will not send (a {@code Host} of the test's choosing, as a DNS-rebinding
 * browser sends it), answered as a {@link ContractClient.Answer}.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** @param headers name, value, name, value... (a name may repeat) */
    static ContractClient.Answer post(URI route, String json, String... headers) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            lines.add(Map.entry(headers[i], headers[i + 1]));
        }
        lines.add(Map.entry("Content-Type", "application/json"));
        dev.chatroute.sample.RawHttp.Response raw = new dev.chatroute.sample.RawHttp(route.getPort())
                .send("POST", route.getRawPath(), lines, json.getBytes(StandardCharsets.UTF_8));
        Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
        raw.headers().forEach(h -> answerHeaders.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
        return new ContractClient.Answer(raw.status(), answerHeaders, raw.body(), List.of());
    }
}
