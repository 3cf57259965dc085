package dev.chatroute.sample.deploy.jaxrsapp;

import dev.chatroute.jaxrs.ChatrouteFeature;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The README's portable JAX-RS recipe: the route's classes, which find the gateway that
 * {@code ChatrouteListener} published. Packed into the WAR that {@code WebXmlWarTomcatIT} deploys
 * on RESTEasy, which (unlike Jersey) takes no resource from a {@code Feature}.
 */
@ApplicationPath("api")
public class ChatApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return ChatrouteFeature.classes();
    }
}
