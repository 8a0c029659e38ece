package io.facteur.delivery.mail.internal;

import io.facteur.api.DeliveryReports;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The core's delivery reports as the tests need them: knows some references, records calls. */
final class RecordingReports implements DeliveryReports {

    /** One call of {@link #bounced}. */
    record Call(String channel, String reference, String reason, boolean matched) {}

    private final Set<String> known;
    final List<Call> bounced = new CopyOnWriteArrayList<>();

    RecordingReports(Set<String> known) {
        this.known = known;
    }

    @Override
    public boolean bounced(String channel, String reference, String reason) {
        boolean matched = known.contains(reference);
        bounced.add(new Call(channel, reference, reason, matched));
        return matched;
    }

    @Override
    public boolean delivered(String channel, String reference, String detail) {
        throw new AssertionError("the mail channel never reports a delivery: " + reference);
    }
}
