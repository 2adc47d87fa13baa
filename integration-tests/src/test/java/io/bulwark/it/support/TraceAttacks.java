package io.bulwark.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Attacks whose effect outlives the request, one per injectable demo input (the cookie cannot carry {@code ;}, so it
 * has none): a stacked {@code INSERT} of a customer named {@code intruder-N}, or a command that creates a marker file.
 * Sent without the agent, every one leaves its trace; under the agent, none may.
 */
public final class TraceAttacks {

    private static final String INTRUDER = "intruder-";

    private final Path markerDir;
    private final List<Probe> sql = new ArrayList<>();
    private final List<Probe> shell = new ArrayList<>();
    private final List<Path> markers = new ArrayList<>();

    public TraceAttacks(Path markerDir) {
        this.markerDir = markerDir;
        sql(DemoInputs::searchQuery, "x'; %s; --");
        sql(DemoInputs::orderIdPath, "0; %s");
        sql(DemoInputs::customerIdHeader, "0; %s");
        sql(DemoInputs::customerIdsQuery, "0); %s; --");
        sql(DemoInputs::sortQuery, "id; %s");
        sql(DemoInputs::loginForm, "x'; %s; --");
        sql(DemoInputs::orderCustomerJson, "x', 1, 1, 'NEW'); %s; --");
        sql(DemoInputs::customerEmailForm, "x' WHERE id = 0; %s; --");

        shell(DemoInputs::pingQuery, "x; touch %s");
        shell(DemoInputs::pingQuery, "x && touch %s");
        shell(DemoInputs::pingQuery, "x | touch %s");
        shell(DemoInputs::pingQuery, "x\ntouch %s");
        shell(DemoInputs::pingQuery, "$(touch %s)");
        shell(DemoInputs::pingQuery, "`touch %s`");
        shell(DemoInputs::pingQuery, "x > %s");
        shell(DemoInputs::pingQuery, "x;touch${IFS}%s");
        shell(DemoInputs::bannerQuery, "'; touch %s; '");
        shell(DemoInputs::bannerQuery, "'$(touch %s)'");
        shell(DemoInputs::bannerQuery, "' > '%s");
        shell(DemoInputs::bannerQuery, "'\ntouch %s\n'");
        shell(DemoInputs::greetQuery, "$(touch %s)");
        shell(DemoInputs::greetQuery, "`touch %s`");
        shell(DemoInputs::greetQuery, "\"; touch %s; \"");
        shell(DemoInputs::greetQuery, "\" > \"%s");
    }

    public List<Probe> all() {
        List<Probe> all = new ArrayList<>(sql);
        all.addAll(shell);
        return all;
    }

    public int sqlCount() {
        return sql.size();
    }

    public List<Path> markersPresent() {
        return markers.stream().filter(Files::exists).toList();
    }

    public List<Path> markersMissing() {
        return markers.stream().filter(m -> !Files.exists(m)).toList();
    }

    /** How many customers the stacked statements inserted. */
    public long intruders(Http http) {
        return Http.json(http.get("/api/customers")).findValuesAsText("name").stream()
            .filter(name -> name.startsWith(INTRUDER)).count();
    }

    private void sql(Function<String, Probe> input, String template) {
        String insert = "INSERT INTO customers (name, email) VALUES ('" + INTRUDER + (sql.size() + 1) + "', 'x')";
        sql.add(input.apply(String.format(template, insert)));
    }

    private void shell(Function<String, Probe> input, String template) {
        Path marker = markerDir.resolve("marker-" + (shell.size() + 1));
        markers.add(marker);
        shell.add(input.apply(String.format(template, marker)));
    }
}
