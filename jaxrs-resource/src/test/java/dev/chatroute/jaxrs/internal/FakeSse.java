package dev.chatroute.jaxrs.internal;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** An {@link Sse} whose events answer only getName, getData and getComment: all the channel sets. */
final class FakeSse {

    private FakeSse() {
    }

    static Sse create() {
        return (Sse) Proxy.newProxyInstance(FakeSse.class.getClassLoader(), new Class<?>[] {Sse.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("newEventBuilder")) {
                        return builder();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static OutboundSseEvent.Builder builder() {
        Map<String, Object> fields = new HashMap<>();
        return (OutboundSseEvent.Builder) Proxy.newProxyInstance(FakeSse.class.getClassLoader(),
                new Class<?>[] {OutboundSseEvent.Builder.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "build" -> {
                            return event(Map.copyOf(fields));
                        }
                        case "name", "comment" -> fields.put(method.getName(), args[0]);
                        case "data" -> fields.put("data", args[args.length - 1]);
                        default -> {
                            // media type and the like: not looked at
                        }
                    }
                    return proxy;
                });
    }

    private static OutboundSseEvent event(Map<String, Object> fields) {
        return (OutboundSseEvent) Proxy.newProxyInstance(FakeSse.class.getClassLoader(),
                new Class<?>[] {OutboundSseEvent.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> fields.get("name");
                    case "getData" -> fields.get("data");
                    case "getComment" -> fields.get("comment");
                    case "toString" -> fields.toString();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
