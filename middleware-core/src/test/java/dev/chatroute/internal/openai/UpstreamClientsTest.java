package dev.chatroute.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.internal.config.ProviderSettings;
import dev.chatroute.internal.config.ProxySetting;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.testing.TestTls;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Providers share an HTTP client unless their proxies differ. */
class UpstreamClientsTest {

    private final Executor direct = Runnable::run;

    @Test
    void oneClientPerDistinctProxySetting() {
        Settings settings = Settings.read(ChatrouteConfig.builder()
                .put("chatroute.providers.a.type", "openai-compatible")
                .put("chatroute.providers.a.base-url", "https://a.example.com/v1")
                .put("chatroute.providers.b.type", "openai-compatible")
                .put("chatroute.providers.b.base-url", "https://b.example.com/v1")
                .put("chatroute.providers.c.type", "openai-compatible")
                .put("chatroute.providers.c.base-url", "https://c.example.com/v1")
                .put("chatroute.providers.c.proxy", "proxy.example.com:3128")
                .put("chatroute.providers.d.type", "openai-compatible")
                .put("chatroute.providers.d.base-url", "https://d.example.com/v1")
                .put("chatroute.providers.d.proxy", "proxy.example.com:3128")
                .put("chatroute.providers.e.type", "openai-compatible")
                .put("chatroute.providers.e.base-url", "https://e.example.com/v1")
                .put("chatroute.providers.e.proxy", "off")
                .build());
        UpstreamClients clients = new UpstreamClients(Duration.ofSeconds(2), direct);

        HttpClient a = clients.forProxy(settings.providers().get("a").proxy());
        HttpClient c = clients.forProxy(settings.providers().get("c").proxy());

        assertThat(clients.forProxy(settings.providers().get("b").proxy())).isSameAs(a);
        assertThat(clients.forProxy(settings.providers().get("d").proxy())).isSameAs(c).isNotSameAs(a);
        assertThat(clients.forProxy(settings.providers().get("e").proxy())).isNotSameAs(a).isNotSameAs(c);
        assertThat(clients.size()).isEqualTo(3);
        assertThat(settings.providers().get("a").proxy()).isEqualTo(ProxySetting.JVM);
        assertThat(c.executor()).containsSame(direct);
        assertThat(c.connectTimeout()).hasValue(Duration.ofSeconds(2));
    }

    @Test
    void aTrustStoreGivesItsProvidersAClientOfTheirOwn() {
        String store = TestTls.get().trustStore("JKS").toString();
        Settings settings = Settings.read(ChatrouteConfig.builder()
                .put("chatroute.providers.a.type", "openai-compatible")
                .put("chatroute.providers.a.base-url", "https://a.example.com/v1")
                .put("chatroute.providers.b.type", "openai-compatible")
                .put("chatroute.providers.b.base-url", "https://b.example.com/v1")
                .put("chatroute.providers.b.truststore", store)
                .put("chatroute.providers.c.type", "openai-compatible")
                .put("chatroute.providers.c.base-url", "https://c.example.com/v1")
                .put("chatroute.providers.c.truststore", store)
                .build());
        UpstreamClients clients = new UpstreamClients(Duration.ofSeconds(2), direct);
        ProviderSettings b = settings.providers().get("b");

        HttpClient a = clients.client(ProxySetting.JVM, settings.providers().get("a").trustStore());
        HttpClient bc = clients.client(b.proxy(), b.trustStore());

        assertThat(bc).isNotSameAs(a).isSameAs(clients.client(ProxySetting.JVM, settings.providers().get("c").trustStore()));
        assertThat(bc.sslContext()).isSameAs(b.trustStore().context());
        assertThat(clients.size()).isEqualTo(2);
    }
}
