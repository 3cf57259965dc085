package dev.chatroute.limits;

import java.util.Map;

/** The budget contract with buckets in this JVM. */
class LocalBudgetTest extends BudgetContract {

    @Override
    protected Map<String, String> storeConfig() {
        return Map.of("chatroute.limits.store", "local");
    }
}
