package dev.chatroute.sample.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless {@link Chromium} for a test class (launching one per test would be slow): register as
 * {@code @RegisterExtension static final ChromiumExtension chromium}.
 */
final class ChromiumExtension implements BeforeAllCallback, AfterAllCallback {

    private Chromium browser;

    Chromium browser() {
        return browser;
    }

    /**
     * At a test's end, before its app stops: fails on uncaught errors in the page, and leaves it
     * either way, which ends any stream the page still reads.
     */
    void leavePage() {
        try {
            assertThat(browser.takePageErrors()).as("uncaught errors in the page").isEmpty();
        } finally {
            browser.navigate(URI.create("about:blank"));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        browser = Chromium.launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
    }
}
