package dev.chatroute.sample.deploy.cdiapp;

import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.Identity;
import dev.chatroute.spi.IdentityResolver;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** The identity resolver bean: the user is the X-User header, and without it nobody may call. */
@ApplicationScoped
public class HeaderUser implements IdentityResolver {

    @Override
    public Identity resolve(HttpCall call, Set<String> roleNames) {
        String user = call.header("X-User");
        return user == null || user.isBlank() ? null : Identity.of(user.trim());
    }
}
