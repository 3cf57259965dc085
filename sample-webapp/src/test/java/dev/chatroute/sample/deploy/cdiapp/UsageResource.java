package dev.chatroute.sample.deploy.cdiapp;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Shows what the usage listener bean received, one call a line. */
@Path("usage")
@RequestScoped
public class UsageResource {

    @Inject
    UsageLog log;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String lines() {
        return String.join("\n", log.lines());
    }
}
