package dev.chatroute.sample.deploy.cdiapp;

import dev.chatroute.ChatrouteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The whole configuration, produced in code: two model aliases on the echo provider bean. */
@ApplicationScoped
public class Settings {

    @Produces
    ChatrouteConfig chatroute() {
        return ChatrouteConfig.builder()
                .put("chatroute.models.default", "echo/echo-1")
                .put("chatroute.models.broken", "echo/broken")
                .build();
    }
}
