package dev.chatroute.ledger;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

/**
 * A JNDI provider for tests, as a container would give one: {@link #install()} makes
 * {@code new InitialContext()} look names up in {@link #BOUND}; {@link #uninstall()} undoes it.
 */
public final class TestJndi implements InitialContextFactory {

    static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

    static void install() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestJndi.class.getName());
    }

    static void uninstall() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        BOUND.clear();
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> {
                        Object found = BOUND.get(String.valueOf(args[0]));
                        if (found == null) {
                            throw new NameNotFoundException(String.valueOf(args[0]));
                        }
                        yield found;
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
