package dev.chatroute.sample.deploy.cdiapp;

import dev.chatroute.jaxrs.ChatrouteFeature;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The JAX-RS application: the chat route at /api/chat, on the gateway that CDI built. */
@ApplicationPath("api")
public class CdiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ChatrouteFeature.class, SummaryResource.class, UsageResource.class);
    }
}
