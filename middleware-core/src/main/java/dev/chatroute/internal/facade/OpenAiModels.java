package dev.chatroute.internal.facade;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatroute.ApiErrorException;
import dev.chatroute.internal.config.ModelRoute;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.json.Json;
import dev.chatroute.spi.Identity;
import java.util.Map;

/**
 * {@code GET {openai.path}/models} and {@code /models/{id}} in OpenAI's shapes: the model aliases
 * this caller's roles allow, never the providers or models behind them.
 */
public final class OpenAiModels {

    private static final String OWNER = "chatroute";

    private final Settings settings;
    private final long created;

    /** @param createdSeconds the {@code created} of every alias: when the gateway started, in Unix seconds */
    public OpenAiModels(Settings settings, long createdSeconds) {
        this.settings = settings;
        this.created = createdSeconds;
    }

    /** {@code {"object":"list","data":[...]}}, in the configuration's order. */
    public String list(Identity who) {
        ObjectNode root = Json.object().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (Map.Entry<String, ModelRoute> e : settings.models().entrySet()) {
            if (e.getValue().allows(who.roles())) {
                data.add(model(e.getKey()));
            }
        }
        return Json.write(root);
    }

    /** One alias, or 404 {@code model_not_found} for one that does not exist or the caller may not use. */
    public String one(String alias, Identity who) {
        ModelRoute route = settings.model(alias);
        if (route == null || !route.allows(who.roles())) {
            throw notFound(alias);
        }
        return Json.write(model(alias));
    }

    private ObjectNode model(String alias) {
        return Json.object().put("id", alias).put("object", "model").put("created", created).put("owned_by", OWNER);
    }

    private static ApiErrorException notFound(String alias) {
        return dev.chatroute.internal.errors.ContractError.MODEL_NOT_FOUND.error("The model '"
                + OpenAiRequests.clip(alias) + "' does not exist or you do not have access to it", "model").toException();
    }
}
