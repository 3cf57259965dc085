package dev.chatroute.sample.deploy.cdiapp;

import dev.chatroute.jaxrs.ChatrouteFeature;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;

/**
 * The JAX-RS application: the chat route at /api/chat, on the gateway that CDI built. The route's
 * classes rather than the feature, so that RESTEasy (WildFly), which takes no resource from a
 * {@code Feature}, serves it too.
 */
@ApplicationPath("api")
public class CdiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(ChatrouteFeature.classes());
        classes.add(SummaryResource.class);
        classes.add(UsageResource.class);
        return classes;
    }
}
