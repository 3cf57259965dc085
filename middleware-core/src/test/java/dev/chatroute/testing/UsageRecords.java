package dev.chatroute.testing;

import static org.awaitility.Awaitility.await;

import dev.chatroute.UsageRecord;
import dev.chatroute.spi.UsageListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link UsageListener} that keeps every record, for tests. */
public final class UsageRecords implements UsageListener {

    private final List<UsageRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void onUsage(UsageRecord record) {
        records.add(record);
    }

    public List<UsageRecord> all() {
        return List.copyOf(records);
    }

    /** Waits for the first record and returns it. */
    public UsageRecord awaitFirst(Duration limit) {
        await().atMost(limit).until(() -> !records.isEmpty());
        return records.get(0);
    }
}
