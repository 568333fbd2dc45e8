// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Node and edge ids made from entity names: lower case, letters, digits and '-', unique with
 * {@code -2}, {@code -3}... ("orders.billing" is {@code orders-billing}). Each id costs amortised
 * constant time, however many names share a base.
 */
final class NodeIds {
    /** Leaves room for a suffix within the model's 255-character ids. */
    private static final int MAX_BASE = 200;

    private final Set<String> used = new HashSet<>();
    private final Map<String, Integer> next = new HashMap<>();

    String of(String name, String fallback) {
        StringBuilder sb = new StringBuilder(Math.min(name.length(), MAX_BASE));
        for (int i = 0; i < name.length() && sb.length() < MAX_BASE; i++) {
            char c = Character.toLowerCase(name.charAt(i));
            boolean plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (plain) {
                sb.append(c);
            } else if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != '-') {
                sb.append('-');
            }
        }
        while (!sb.isEmpty() && sb.charAt(sb.length() - 1) == '-') {
            sb.setLength(sb.length() - 1);
        }
        String base = sb.isEmpty() ? fallback : sb.toString().toLowerCase(Locale.ROOT);
        if (used.add(base)) {
            return base;
        }
        int n = next.getOrDefault(base, 2);
        while (!used.add(base + "-" + n)) {
            n++;
        }
        next.put(base, n + 1);
        return base + "-" + n;
    }
}
