package dev.chatroute.servlet.internal;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the TCP socket under an HTTP/1.1 servlet request, on containers whose portable API gives no
 * signal when an idle async request's client goes away (neither Jetty 12 nor Tomcat 10.1 read the
 * socket while the request body is consumed and the answer not yet written). Reflective, so the
 * jars never need container classes; {@code null} where the container or protocol is unknown
 * (HTTP/2 streams, TLS over other transports, other containers): callers then rely on the portable
 * signals alone.
 *
 * <ul>
 *   <li>Jetty 12 (ee10): {@code ServletContextRequest.getServletContextRequest(req)} is the core
 *       request; its {@code getConnectionMetaData().getConnection().getEndPoint()} is a
 *       {@code SocketChannelEndPoint} for HTTP/1.1 (under TLS, what {@code EndPoint.Wrapper.unwrap()}
 *       gives), whose {@code getChannel()} is the socket.
 *   <li>Tomcat 10.1 (NIO connector): {@code RequestFacade.request} is the connector request; its
 *       coyote request's {@code hook} is the processor, whose {@code socketWrapper.getSocket()}
 *       is a {@code NioChannel} with {@code getIOChannel()}.
 * </ul>
 */
final class PeerSockets {

    private PeerSockets() {
    }

    static SocketChannel of(ServletRequest request) {
        try {
            SocketChannel channel = container(request);
            if (channel == null && request.isAsyncStarted()) {
                // a JAX-RS implementation may inject a proxy (RESTEasy does); the request it
                // started async with is the container's own
                channel = container(request.getAsyncContext().getRequest());
            }
            return channel;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null; // a container version we do not know: no socket watch
        }
    }

    private static SocketChannel container(ServletRequest request) throws ReflectiveOperationException {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper wrapper) {
            r = wrapper.getRequest();
        }
        SocketChannel channel = jetty(r);
        return channel != null ? channel : tomcat(r);
    }

    private static final ClassValue<Method> JETTY_CORE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> contextRequest) {
            try {
                return contextRequest.getMethod("getServletContextRequest", ServletRequest.class);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e); // a Jetty we do not know: caught by of() like the rest
            }
        }
    };

    private static SocketChannel jetty(ServletRequest r) throws ReflectiveOperationException {
        if (!r.getClass().getName().startsWith("org.eclipse.jetty.")) {
            return null;
        }
        ClassLoader loader = r.getClass().getClassLoader();
        Class<?> contextRequest = Class.forName("org.eclipse.jetty.ee10.servlet.ServletContextRequest", false, loader);
        Object core = JETTY_CORE.get(contextRequest).invoke(null, r);
        Object meta = call(core, "getConnectionMetaData");
        Object endPoint = call(call(meta, "getConnection"), "getEndPoint");
        while (findMethod(endPoint.getClass(), "unwrap") != null) {
            endPoint = call(endPoint, "unwrap"); // TLS: the SslEndPoint wraps the socket's own
        }
        return socket(endPoint, "getChannel");
    }

    private static SocketChannel tomcat(ServletRequest r) throws ReflectiveOperationException {
        if (!r.getClass().getName().equals("org.apache.catalina.connector.RequestFacade")) {
            return null;
        }
        Object connectorRequest = field(r, "request");
        Object processor = field(call(connectorRequest, "getCoyoteRequest"), "hook");
        Object wrapper = field(processor, "socketWrapper");
        return socket(call(wrapper, "getSocket"), "getIOChannel");
    }

    private static SocketChannel socket(Object holder, String method) throws ReflectiveOperationException {
        if (holder == null) {
            return null;
        }
        Method m = findMethod(holder.getClass(), method);
        Object channel = m == null ? null : m.invoke(holder);
        return channel instanceof SocketChannel socket ? socket : null;
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = findMethod(target.getClass(), method);
        if (m == null) {
            throw new NoSuchMethodException(method);
        }
        return m.invoke(target);
    }

    /** Looked up once per container class: reflection on every call costs more than the rest of the watch. */
    private static final ClassValue<Map<String, Optional<Method>>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, Optional<Method>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final ClassValue<Map<String, Optional<Field>>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Optional<Field>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private static Method findMethod(Class<?> type, String name) {
        return METHODS.get(type).computeIfAbsent(name, n -> Optional.ofNullable(lookUpMethod(type, n))).orElse(null);
    }

    /** A public no-arg method, reached through a public type (implementation classes may be package-private). */
    private static Method lookUpMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                Method m = publicMethod(i, name);
                if (m != null) {
                    return m;
                }
            }
            if (java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
                Method m = publicMethod(c, name);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private static Method publicMethod(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field f = FIELDS.get(target.getClass()).computeIfAbsent(name, n -> Optional.ofNullable(lookUpField(target.getClass(), n)))
                .orElseThrow(() -> new NoSuchFieldException(name));
        return f.get(target);
    }

    private static Field lookUpField(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (RuntimeException notOpen) {
                return null; // a module that does not open it
            }
        }
        return null;
    }
}
