// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.asyncapi;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keys for one map of an AsyncAPI document (channels, operations, messages or servers). AsyncAPI 3
 * requires component keys to match {@code ^[a-zA-Z0-9\.\-_]+$}; node ids may hold {@code :} too,
 * so every other character becomes {@code _}, and a key already taken gets {@code -2},
 * {@code -3}, ... The same wanted key always gives the same answer, so references stay consistent.
 */
final class ComponentIds {
    private final Set<String> used = new HashSet<>();
    private final Map<String, String> given = new HashMap<>();

    /** The key for {@code wanted}: the same one each time it is asked for. */
    String of(String wanted) {
        String known = given.get(wanted);
        if (known != null) {
            return known;
        }
        String base = clean(wanted);
        String key = base;
        for (int i = 2; !used.add(key); i++) {
            key = base + "-" + i;
        }
        given.put(wanted, key);
        return key;
    }

    /** {@code text} with every character outside {@code [a-zA-Z0-9._-]} replaced by {@code _}; never empty. */
    static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '-' || c == '_';
            sb.append(ok ? c : '_');
        }
        return sb.isEmpty() ? "_" : sb.toString();
    }
}
