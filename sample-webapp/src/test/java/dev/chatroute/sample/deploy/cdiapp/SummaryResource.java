package dev.chatroute.sample.deploy.cdiapp;

import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.Chatroute;
import dev.chatroute.spi.Identity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Application code calling a model directly, through the injected gateway: a server-side summary. */
@Path("summary")
@RequestScoped
public class SummaryResource {

    @Inject
    Chatroute chatroute;

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String summarize(String text) throws Exception {
        ChatRequest request = new ChatRequest(List.of(ChatMessage.user("Summarize: " + text)), "default", false, 200,
                null, Map.of("feature", "summary"));
        return chatroute.chat(request, Identity.of("nightly-job")).get(30, TimeUnit.SECONDS).text();
    }
}
