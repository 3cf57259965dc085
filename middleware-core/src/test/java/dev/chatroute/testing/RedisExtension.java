package dev.chatroute.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real {@link RedisServer} per test class, running and empty before each test (a test that
 * stopped it gets it back): register as {@code @RegisterExtension static final RedisExtension redis}.
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private RedisServer server;

    public RedisServer server() {
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!server.running()) {
            server.restart();
        }
        server.flushAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.stop();
        }
    }
}
