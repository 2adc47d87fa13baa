package io.bulwark.policies.injection;

import java.util.List;

/**
 * Why a sink was judged an injection: enough for the log line to explain itself without the reader re-running it.
 *
 * @param kind       {@code sql} or {@code shell}
 * @param input      the request input that changed the sink's structure
 * @param start      where the input starts in the sink text (inclusive)
 * @param end        where it ends (exclusive)
 * @param maskedSink the sink text with every literal masked, so the log carries structure, not data
 * @param tokens     the tokens the input spans, as {@code TYPE:text} (text masked for literals)
 * @param dialect    the SQL dialect or shell the text was lexed as
 * @param reason     one short sentence: what structure the input added
 */
public record Finding(String kind, Input input, int start, int end, String maskedSink, List<String> tokens,
                      String dialect, String reason) {
}
