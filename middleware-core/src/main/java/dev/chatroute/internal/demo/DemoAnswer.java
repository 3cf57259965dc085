package dev.chatroute.internal.demo;

import dev.chatroute.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/** The demo provider's deterministic answer: what Chatroute is, how to use a real model, the question. */
final class DemoAnswer {

    private static final int ECHO_CHARS = 300;

    private DemoAnswer() {
    }

    static String to(List<ChatMessage> messages) {
        String question = "";
        for (ChatMessage m : messages) {
            if (m.role().equals("user")) {
                question = m.content().strip();
            }
        }
        if (question.length() > ECHO_CHARS) {
            question = question.substring(0, ECHO_CHARS) + "...";
        }
        return "Hello! This answer comes from Chatroute's built-in demo provider: no model was called "
                + "and no API key was needed.\n\n"
                + "Chatroute gives a Java web application a safe server-side /api/chat route. Provider keys "
                + "stay on the server, every request is validated before a provider sees it, each user is "
                + "held to limits, and answers stream back as server-sent events.\n\n"
                + "To talk to a real model, point CHATROUTE_CONFIG at a properties file like this one:\n\n"
                + "chatroute.providers.openai.type=openai-compatible\n"
                + "chatroute.providers.openai.base-url=https://api.openai.com/v1\n"
                + "chatroute.providers.openai.api-key=${env:OPENAI_API_KEY}\n"
                + "chatroute.models.default=openai/gpt-4o-mini\n\n"
                + "You asked: \"" + question + "\"";
    }

    /** The answer in the small pieces a real model streams: a word and the space after it. */
    static List<String> pieces(String answer) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < answer.length(); i++) {
            if (Character.isWhitespace(answer.charAt(i))
                    && (i + 1 == answer.length() || !Character.isWhitespace(answer.charAt(i + 1)))) {
                pieces.add(answer.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < answer.length()) {
            pieces.add(answer.substring(start));
        }
        return pieces;
    }
}
