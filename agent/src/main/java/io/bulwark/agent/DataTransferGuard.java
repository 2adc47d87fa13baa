package io.bulwark.agent;

import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.AttackLog;
import io.bulwark.agent.log.EventActions;
import io.bulwark.agent.log.EventCategory;
import io.bulwark.agent.log.EventIds;
import io.bulwark.agent.log.EventKind;
import io.bulwark.agent.log.EventOutcome;
import io.bulwark.agent.log.EventType;
import io.bulwark.policies.detect.RowAnomaly;
import io.bulwark.policies.detect.RowBaseline;
import io.bulwark.policies.detect.SpikeDetector;
import io.bulwark.policies.detect.SpikeFinding;
import io.bulwark.policies.detect.SpikeThresholds;
import io.bulwark.policies.detect.TransferMeter;
import io.bulwark.policies.model.DataTransferSettings;
import io.bulwark.policies.model.DetectionSettings;
import io.bulwark.policies.model.Mode;
import io.bulwark.policies.model.Protection;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Data leaving through a request (rows read, response bytes) against its route's {@code dataTransfer} limits, the
 * route's usual row count, and the spike counters fed at each request's end. The baseline and the spike counters
 * outlive policy reloads unless {@code detection} itself changed, so editing a route does not forget history.
 */
final class DataTransferGuard {

    private final Supplier<AttackLog> log;
    private volatile Detectors detectors;

    DataTransferGuard(Supplier<AttackLog> log) {
        this.log = log;
    }

    /** The engines built for one {@code detection} section. */
    private record Detectors(DetectionSettings settings, RowBaseline baseline, SpikeDetector spikes) {
        static Detectors of(DetectionSettings settings) {
            return new Detectors(settings, new RowBaseline(settings.rowAnomalyFactor(), settings.baselineRequests(),
                    settings.maxClients()), new SpikeDetector(SpikeThresholds.from(settings)));
        }
    }

    /**
     * One row read. Returns the block event id when this row is past the limit in block mode (the caller refuses
     * the request and throws, so the app never sees the row), else null.
     */
    String rowRead(RequestContext context) {
        RequestTransfer transfer = transferOf(context);
        if (transfer == null) {
            return null;
        }
        boolean crossed = transfer.meter.countRow();
        if (!transfer.blocks() || !transfer.meter.rowsExceeded()) {
            return null;
        }
        if (crossed) {
            transfer.blockedEventId = logOver(context, transfer, true);
        }
        return transfer.blockedEventId;
    }

    /** Bytes about to be written; like {@link #rowRead}, a non-null id means the write must not happen. */
    String responseWrite(RequestContext context, long count) {
        if (context.answered() || !context.appRunning) {
            return null; // the agent's own answer (at entry, or after a refusal); the app's output goes nowhere now
        }
        RequestTransfer transfer = context.transfer == RequestTransfer.UNTRACKED ? null : context.transfer;
        if (context.blockedEventId() != null) {
            // Refused already. By another protection: not ours to stop. By us: while the response is uncommitted
            // the write is the agent's own 403 going out; once committed, the app writing on past the refusal
            // must keep failing, or catching the exception would be enough to send the rest.
            boolean ours = transfer != null && context.blockedEventId().equals(transfer.blockedEventId);
            return ours && committed(context) ? transfer.blockedEventId : null;
        }
        transfer = transferOf(context);
        if (transfer == null) {
            return null;
        }
        boolean crossed = transfer.meter.countBytes(count);
        if (crossed && transfer.blocks()) {
            transfer.blockedEventId = logOver(context, transfer, true);
            return transfer.blockedEventId;
        }
        return null;
    }

    private static boolean committed(RequestContext context) {
        try {
            return context.access.isCommitted(context.response);
        } catch (Throwable t) {
            return true;
        }
    }

    /** The problem response of a request refused here. */
    static ProblemResponse refusal(String eventId) {
        return new ProblemResponse(403, "urn:bulwark:problem:data-transfer", "Forbidden",
                "The request was refused because it took more data than this resource allows.", eventId, Map.of());
    }

    /**
     * The request is over (status known): the monitor-mode event, the route baseline, the spike counters. Never
     * throws into the request's exit.
     */
    void requestEnded(RequestContext context, int status) {
        RequestTransfer transfer = context.transfer == RequestTransfer.UNTRACKED ? null : context.transfer;
        if (transfer != null && !transfer.blocks() && transfer.limited()
                && (transfer.meter.rowsExceeded() || transfer.meter.bytesExceeded())) {
            logOver(context, transfer, false);
        }
        if (context.policy.model().detectionMode() == Mode.OFF) {
            return;
        }
        Detectors engines = detectorsFor(context.policy.model().detection());
        String route = context.route().plan().label();
        long rows = transfer == null ? 0 : transfer.meter.rows();
        // Requests that read no rows say nothing about how many rows a route's reads take; leaving them out keeps
        // the common no-database request off the baseline's lock.
        if (rows > 0) {
            RowAnomaly anomaly = engines.baseline().record(route, rows);
            if (anomaly != null) {
                logAnomaly(context, anomaly);
            }
        }
        boolean blockedAttack = "sql".equals(context.blockedKind()) || "shell".equals(context.blockedKind());
        if (SpikeDetector.counts(status, status == 401, blockedAttack)) {
            List<SpikeFinding> findings = engines.spikes().observe(context.clientIp == null ? "?" : context.clientIp,
                    route, context.uri == null ? "" : context.uri, status, status == 401, blockedAttack,
                    System.nanoTime());
            for (SpikeFinding finding : findings) {
                logSpike(context, finding);
            }
        }
    }

    private RequestTransfer transferOf(RequestContext context) {
        RequestTransfer transfer = context.transfer;
        if (transfer == RequestTransfer.UNTRACKED) {
            return null;
        }
        if (transfer == null) {
            DataTransferSettings limits = context.policy.model().dataTransferFor(context.route().route());
            Mode mode = limits.limitsAnything()
                    ? context.policy.mode(Protection.DATA_TRANSFER, context.route()) : Mode.OFF;
            if (mode == Mode.OFF && context.policy.model().detectionMode() == Mode.OFF) {
                context.transfer = RequestTransfer.UNTRACKED;
                return null;
            }
            long maxRows = mode == Mode.OFF || limits.maxRows() == null ? TransferMeter.UNLIMITED : limits.maxRows();
            long maxBytes = mode == Mode.OFF || limits.maxResponseBytes() == null
                    ? TransferMeter.UNLIMITED : limits.maxResponseBytes().bytes();
            transfer = new RequestTransfer(new TransferMeter(maxRows, maxBytes), mode);
            context.transfer = transfer;
        }
        return transfer;
    }

    private Detectors detectorsFor(DetectionSettings settings) {
        Detectors current = detectors;
        if (current == null || !current.settings().equals(settings)) {
            synchronized (this) {
                current = detectors;
                if (current == null || !current.settings().equals(settings)) {
                    current = Detectors.of(settings);
                    detectors = current;
                }
            }
        }
        return current;
    }

    private String logOver(RequestContext context, RequestTransfer transfer, boolean block) {
        String eventId = EventIds.next();
        TransferMeter meter = transfer.meter;
        boolean rows = meter.rowsExceeded();
        String reason = rows
                ? "the request read more than " + meter.maxRows() + " rows"
                : "the response went over " + meter.maxBytes() + " bytes";
        AttackEvent.Builder event = AttackEvent.builder(context.policy.redactor())
                .id(eventId)
                .kind(EventKind.ALERT)
                .category(EventCategory.INTRUSION_DETECTION, EventCategory.WEB,
                        rows ? EventCategory.DATABASE : EventCategory.NETWORK)
                .type(block ? EventType.DENIED : EventType.INDICATOR)
                .action(block ? EventActions.DATA_TRANSFER_BLOCKED : EventActions.DATA_TRANSFER_EXCEEDED)
                .outcome(block ? EventOutcome.FAILURE : EventOutcome.UNKNOWN)
                .reason(reason + (block ? "; cut off there" : ""))
                .severity(block ? 6 : 4)
                .rule(rows ? "dataTransfer.maxRows" : "dataTransfer.maxResponseBytes",
                        rows ? "Rows per request" : "Response bytes per request")
                .mode(block ? "block" : "monitor")
                .policyFile(context.policy.fileName());
        counts(event, meter);
        Gateway.describeRequest(event, context);
        if (block) {
            event.statusCode(403);
        }
        log.get().offer(event.build());
        return eventId;
    }

    private static void counts(AttackEvent.Builder event, TransferMeter meter) {
        event.extra("rows_read", meter.rows()).extra("response_bytes", meter.bytes());
        if (meter.maxRows() != TransferMeter.UNLIMITED) {
            event.extra("max_rows", meter.maxRows());
        }
        if (meter.maxBytes() != TransferMeter.UNLIMITED) {
            event.extra("max_response_bytes", meter.maxBytes());
        }
    }

    private void logAnomaly(RequestContext context, RowAnomaly anomaly) {
        AttackEvent.Builder event = AttackEvent.builder(context.policy.redactor())
                .id(EventIds.next())
                .kind(EventKind.ALERT)
                .category(EventCategory.INTRUSION_DETECTION, EventCategory.DATABASE)
                .type(EventType.INDICATOR)
                .action(EventActions.DATA_TRANSFER_ANOMALY)
                .outcome(EventOutcome.UNKNOWN)
                .reason("the request read " + anomaly.rows() + " rows; this route usually reads about "
                        + Math.round(anomaly.usualRows()) + " per request")
                .severity(5)
                .rule("detection.rowAnomalyFactor", "Rows far above the route's usual")
                .mode("monitor")
                .extra("rows_read", anomaly.rows())
                .extra("usual_rows", Math.round(anomaly.usualRows()))
                .extra("factor", anomaly.factor())
                .extra("baseline_requests", anomaly.samples())
                .extra("route", anomaly.route())
                .policyFile(context.policy.fileName());
        Gateway.describeRequest(event, context);
        log.get().offer(event.build());
    }

    private void logSpike(RequestContext context, SpikeFinding finding) {
        String kind = finding.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        AttackEvent.Builder event = AttackEvent.builder(context.policy.redactor())
                .id(EventIds.next())
                .kind(EventKind.ALERT)
                .category(EventCategory.INTRUSION_DETECTION, EventCategory.WEB)
                .type(EventType.INDICATOR)
                .action(EventActions.SPIKE_DETECTED)
                .outcome(EventOutcome.UNKNOWN)
                .reason(kind + ": " + finding.count() + " within " + finding.window().toSeconds()
                        + "s, over the threshold of " + finding.threshold())
                .severity(5)
                .rule("detection." + kind, "Spike: " + kind)
                .mode("monitor")
                .count(finding.count())
                .extra("spike_kind", kind)
                .extra("threshold", finding.threshold())
                .extra("window_seconds", finding.window().toSeconds())
                .policyFile(context.policy.fileName());
        if (finding.client() != null) {
            event.sourceIp(finding.client());
        }
        if (finding.route() != null) {
            event.urlPath(finding.route());
        }
        log.get().offer(event.build());
    }
}
