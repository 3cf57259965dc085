package dev.chatroute.sample.deploy.cdiapp;

import dev.chatroute.servlet.ChatrouteFilter;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebInitParam;

/** The servlet route at /servlet/api/chat, declared by annotation: no web.xml in this application. */
@WebFilter(urlPatterns = "/servlet/api/chat", asyncSupported = true,
        initParams = @WebInitParam(name = "chatroute.path", value = "/servlet/api/chat"))
public class ServletRoute extends ChatrouteFilter {
}
