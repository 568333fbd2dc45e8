// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

/**
 * MQTT topic filters (MQTT 3.1.1 section 4.7, 5.0 section 4.7 and 4.8.2): levels separated by
 * {@code /}, {@code +} matches exactly one level (an empty one too), {@code #} as the last level
 * matches that level's parent and every level below, and a topic name starting with {@code $}
 * is not matched by a filter whose first level is a wildcard. A shared subscription's filter is
 * {@code $share/GROUP/FILTER}.
 *
 * <p>Matching walks filter and topic once, side by side, so it costs their lengths and never
 * backtracks: no filter makes it slow.
 */
public final class MqttTopicFilter {
    /** The prefix of a shared subscription. */
    public static final String SHARE = "$share/";

    private MqttTopicFilter() {
    }

    /** True when {@code topic} (a topic name, no wildcards) matches {@code filter} (not a {@code $share} one). */
    public static boolean matches(String filter, String topic) {
        if (filter == null || topic == null || filter.isEmpty() || topic.isEmpty()
                || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return false;
        }
        boolean dollar = topic.charAt(0) == '$';
        int f = 0;
        int t = 0;
        boolean first = true;
        while (true) {
            int fe = levelEnd(filter, f);
            if (fe - f == 1 && filter.charAt(f) == '#') {
                return !(first && dollar);
            }
            if (t > topic.length()) {
                return false; // the topic has no level left for this one
            }
            int te = levelEnd(topic, t);
            if (fe - f == 1 && filter.charAt(f) == '+') {
                if (first && dollar) {
                    return false;
                }
            } else if (fe - f != te - t || !filter.regionMatches(f, topic, t, fe - f)) {
                return false;
            }
            first = false;
            f = fe + 1;
            t = te + 1;
            if (f > filter.length()) {
                return t > topic.length();
            }
        }
    }

    private static int levelEnd(String s, int from) {
        int i = s.indexOf('/', from);
        return i < 0 ? s.length() : i;
    }

    /** The group of a shared subscription {@code $share/GROUP/FILTER}, or null when {@code key} is not one. */
    public static String shareGroup(String key) {
        if (key == null || !key.startsWith(SHARE)) {
            return null;
        }
        int slash = key.indexOf('/', SHARE.length());
        return slash <= SHARE.length() ? null : key.substring(SHARE.length(), slash);
    }

    /** The filter a subscription key matches with: after {@code $share/GROUP/} for a shared one, else the key. */
    public static String filterOf(String key) {
        String group = shareGroup(key);
        return group == null ? key : key.substring(SHARE.length() + group.length() + 1);
    }

    /**
     * Why {@code key} is not a subscription filter MQTT accepts, or null when it is: not empty,
     * {@code #} only as a whole last level, {@code +} only as a whole level, and a shared
     * subscription's group without {@code +} or {@code #}.
     */
    public static String problem(String key) {
        if (key == null || key.isEmpty()) {
            return "an empty topic filter subscribes to nothing";
        }
        if (key.startsWith(SHARE)) {
            String group = shareGroup(key);
            if (group == null) {
                return "a shared subscription is $share/GROUP/FILTER, with a group name";
            }
            if (group.indexOf('+') >= 0 || group.indexOf('#') >= 0) {
                return "a shared subscription's group name may not contain + or #";
            }
            String filter = filterOf(key);
            return filter.isEmpty() ? "a shared subscription needs a filter after $share/" + group + "/" : problem(filter);
        }
        int start = 0;
        while (start <= key.length()) {
            int end = levelEnd(key, start);
            for (int i = start; i < end; i++) {
                char c = key.charAt(i);
                if ((c == '#' || c == '+') && end - start != 1) {
                    return "'" + c + "' must be a whole level of the filter (between slashes)";
                }
            }
            if (end - start == 1 && key.charAt(start) == '#' && end != key.length()) {
                return "'#' may only be the last level of a filter";
            }
            start = end + 1;
        }
        return null;
    }
}
