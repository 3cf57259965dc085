package dev.chatroute.sample.deploy.cdiapp;

import dev.chatroute.UsageRecord;
import dev.chatroute.spi.UsageListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A usage listener bean: keeps one line per call, which {@link UsageResource} shows. */
@ApplicationScoped
public class UsageLog implements UsageListener {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void onUsage(UsageRecord record) {
        lines.add(record.user() + " " + record.model() + " " + record.outcome() + " " + record.metadata());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
