package io.bulwark.agent.cli.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code @timestamp}. The agent always writes {@code uuuu-MM-ddTHH:mm:ss.SSSZ}; that form is read digit by
 * digit (a general ISO parser is the slowest step of a million-line report), anything else by the JDK's parser.
 */
final class Timestamps {
    static final long INVALID = Long.MIN_VALUE;

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long MIN_MILLIS = -62_167_219_200_000L;
    private static final long MAX_MILLIS = 253_402_300_799_999L;
    private static final DateTimeFormatter AGENT_FORM =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Epoch milliseconds, or {@link #INVALID} when {@code text} is not an ISO-8601 instant with an offset. */
    static long parse(String text) {
        if (text.length() == 24 && isAgentForm(text)) {
            try {
                long day = LocalDate.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)).toEpochDay();
                int hour = digits(text, 11, 2);
                int minute = digits(text, 14, 2);
                int second = digits(text, 17, 2);
                if (hour > 23 || minute > 59 || second > 59) {
                    return INVALID;
                }
                return day * MILLIS_PER_DAY + ((hour * 60L + minute) * 60 + second) * 1000 + digits(text, 20, 3);
            } catch (DateTimeException e) {
                return INVALID;
            }
        }
        try {
            long millis = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
            // Years 0000-9999 only: the timeline's widest bucket is sized for that span.
            return millis < MIN_MILLIS || millis > MAX_MILLIS ? INVALID : millis;
        } catch (DateTimeParseException | ArithmeticException e) {
            return INVALID;
        }
    }

    /** The agent's own form, so a report's times can be searched for in the log. */
    static String format(long epochMillis) {
        return AGENT_FORM.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A bucket's start, as precise as its width needs. */
    static String label(long startMillis, long widthMillis) {
        DateTimeFormatter form = widthMillis < 60_000 ? SECONDS : widthMillis < MILLIS_PER_DAY ? MINUTES : DAYS;
        return form.format(Instant.ofEpochMilli(startMillis));
    }

    private static boolean isAgentForm(String t) {
        for (int i = 0; i < 24; i++) {
            char c = t.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                case 23 -> c == 'Z';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (t.charAt(i) - '0');
        }
        return value;
    }
}
