package dev.chatroute.internal.facade;

import dev.chatroute.Exchange;
import dev.chatroute.GuardOutcome;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.errors.ContractError;
import dev.chatroute.internal.pipeline.ChatPipeline;
import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.ResponseChannel;
import java.util.Map;

/** The OpenAI-compatible facade of one gateway: its settings, and its two paths over the shared pipeline. */
public final class Facade {

    private final FacadeSettings facade;
    private final ChatPipeline pipeline;
    private final OpenAiDialect dialect;
    private final OpenAiModels models;

    public Facade(FacadeSettings facade, Settings settings, ChatPipeline pipeline, long startedSeconds) {
        this.facade = facade;
        this.pipeline = pipeline;
        this.dialect = new OpenAiDialect(settings);
        this.models = new OpenAiModels(settings, startedSeconds);
    }

    public boolean enabled() {
        return facade.enabled();
    }

    public String path() {
        return facade.path();
    }

    public Exchange serve(HttpCall call, ResponseChannel channel) {
        checkEnabled();
        return pipeline.serve(call, channel, dialect);
    }

    /** @param id one alias ({@code /models/{id}}), or null for the list */
    public GuardOutcome models(HttpCall call, String id) {
        checkEnabled();
        return pipeline.answer(call, dialect, who -> {
            if (!"GET".equals(call.method()) && !"HEAD".equals(call.method())) {
                throw new dev.chatroute.ApiErrorException(ContractError.METHOD_NOT_ALLOWED.error(
                        "Use GET to read the model list"), Map.of("Allow", "GET"));
            }
            return id == null ? models.list(who) : models.one(id, who);
        });
    }

    private void checkEnabled() {
        if (!facade.enabled()) {
            throw new IllegalStateException("The OpenAI-compatible facade is off: set chatroute.openai.enabled=true");
        }
    }
}
