package io.bulwark.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Sends each corpus case to the demo endpoints that build their sink text the way the case's context does, so that
 * an attack is an attack at that endpoint and a benign value is judged where the engine's unit tests judge it.
 *
 * <p>Attacks go to one endpoint each, rotating (by corpus line) among the inputs that can carry the value, so the
 * run covers every input source. A numeric attack that neither a path nor a header can carry goes into the IN list,
 * where it still leaves the list. Cases with no such endpoint in the demo (Windows shells, a value run as the program
 * itself) are {@linkplain #unrouted() not sent}, and the test reports how many.
 *
 * <p>Benign values go everywhere the engine's corpus test checks them ({@code CorpusTest}'s rules).
 */
public final class CorpusRoutes {

    /** The dialect the agent picks for the demo's {@code jdbc:h2:} URL; other dialect-only cases are not sent. */
    private static final String DEMO_DIALECT = "h2";

    private final List<String> unrouted = new ArrayList<>();

    /** The one probe that carries a SQL attack, or null (recorded in {@link #unrouted()}). */
    public Probe sqlAttack(CorpusCase c) {
        if (c.dialect() != null && !c.dialect().equalsIgnoreCase(DEMO_DIALECT)) {
            return skip(c, "targets " + c.dialect() + " only; the demo runs H2");
        }
        String v = c.value();
        List<Function<String, Probe>> carriers = new ArrayList<>();
        switch (c.context()) {
            case "numeric" -> {
                if (DemoInputs.pathCarries(v)) {
                    carriers.add(DemoInputs::orderIdPath);
                }
                if (DemoInputs.headerCarries(v)) {
                    carriers.add(DemoInputs::customerIdHeader);
                }
                if (carriers.isEmpty()) {
                    carriers.add(DemoInputs::customerIdsQuery);
                }
            }
            case "string" -> {
                carriers.add(DemoInputs::loginForm);
                if (DemoInputs.cookieCarries(v)) {
                    carriers.add(DemoInputs::customerCookie);
                }
            }
            case "like" -> carriers.add(DemoInputs::searchQuery);
            case "orderby" -> carriers.add(DemoInputs::sortQuery);
            case "inlist" -> carriers.add(DemoInputs::customerIdsQuery);
            case "insert" -> carriers.add(DemoInputs::orderCustomerJson);
            case "update" -> carriers.add(DemoInputs::customerEmailForm);
            default -> {
                return skip(c, "no demo endpoint builds SQL for context " + c.context());
            }
        }
        return carriers.get(c.line() % carriers.size()).apply(v);
    }

    /** The one probe that carries a command attack, or null (recorded in {@link #unrouted()}). */
    public Probe shellAttack(CorpusCase c) {
        String v = c.value();
        return switch (c.context()) {
            // bash-env runs "ls /data/" + x under bash -c: unquoted in a script, as ping's host is.
            case "sh", "bash-env" -> DemoInputs.pingQuery(v);
            case "sh-sq" -> DemoInputs.bannerQuery(v);
            case "sh-dq" -> DemoInputs.greetQuery(v);
            // An option for ls as much as for tar or ping: the argv element starts with '-'.
            case "argv-option", "exec-string" -> v.startsWith("-") ? DemoInputs.filesQuery(v)
                : skip(c, "becomes several argv elements only under Runtime.exec(String), which the demo never calls");
            case "argv-program" -> skip(c, "the demo never runs an input as the program");
            case "cmd", "powershell" -> skip(c, "a Windows shell; the demo runs on sh");
            default -> skip(c, "no demo endpoint for command context " + c.context());
        };
    }

    /** Every probe that carries a benign value where the engine's corpus test judges it. */
    public List<Probe> benign(CorpusCase c) {
        String v = c.value();
        List<Probe> probes = new ArrayList<>();
        probes.add(DemoInputs.boundOrderStatusJson(v));
        switch (c.context()) {
            case "number" -> {
                if (DemoInputs.pathCarries(v)) {
                    probes.add(DemoInputs.orderIdPath(v));
                }
                if (DemoInputs.headerCarries(v)) {
                    probes.add(DemoInputs.customerIdHeader(v));
                }
                addStringContexts(v, probes);
            }
            case "list" -> probes.add(DemoInputs.customerIdsQuery(v));
            case "column" -> {
                probes.add(DemoInputs.sortQuery(v));
                addStringContexts(v, probes);
            }
            case "text" -> addStringContexts(v, probes);
            case "bound" -> { }
            default -> throw new IllegalArgumentException("unknown benign context in " + c);
        }
        addCommandContexts(c, probes);
        return probes;
    }

    /** Corpus cases not sent, each with the reason. */
    public List<String> unrouted() {
        return List.copyOf(unrouted);
    }

    private Probe skip(CorpusCase c, String why) {
        unrouted.add(c + ": " + why);
        return null;
    }

    /** A value with a quote is not benign in a quoted literal: the app concatenates, so it breaks the SQL itself. */
    private static void addStringContexts(String v, List<Probe> probes) {
        if (v.indexOf('\'') >= 0) {
            return;
        }
        probes.add(DemoInputs.loginForm(v));
        probes.add(DemoInputs.searchQuery(v));
        probes.add(DemoInputs.orderCustomerJson(v));
        probes.add(DemoInputs.customerEmailForm(v));
        if (DemoInputs.cookieCarries(v)) {
            probes.add(DemoInputs.customerCookie(v));
        }
    }

    private static void addCommandContexts(CorpusCase c, List<Probe> probes) {
        String v = c.value();
        if (v.startsWith("-")) {
            return; // an option wherever a program parses it
        }
        probes.add(DemoInputs.filesQuery(v));
        if (c.context().equals("list") || c.context().equals("bound")) {
            return;
        }
        if (v.indexOf('\'') < 0) {
            probes.add(DemoInputs.bannerQuery(v));
        }
        if (v.chars().noneMatch(ch -> ch == '"' || ch == '$' || ch == '`' || ch == '\\')) {
            probes.add(DemoInputs.greetQuery(v));
        }
    }
}
