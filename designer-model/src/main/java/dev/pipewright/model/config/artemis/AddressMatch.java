// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.artemis;

import java.util.Comparator;

/**
 * An {@code address-setting}'s {@code match}, matched as Artemis 2.42 matches it (its
 * {@code Match} and {@code HierarchicalObjectRepository.MatchComparator}): words separated by
 * '.', {@code #} alone matches every address, a trailing {@code #} (or {@code .#}) matches zero or
 * more further words, and {@code *} stands for one or more characters other than '.'. Artemis
 * compiles a match into a regular expression; here it is matched word by word without
 * backtracking across words, so a hostile match costs at most its length times the address's.
 */
final class AddressMatch {
    /** Most specific first, as Artemis orders matches before it merges their settings. */
    static final Comparator<String> MOST_SPECIFIC_FIRST = AddressMatch::compare;

    private final String match;
    private final boolean all;
    private final boolean anyWordsAfter;
    private final String[] words;

    AddressMatch(String match) {
        this.match = match;
        this.all = match.equals("#");
        String rest = match;
        boolean tail = false;
        if (!all && rest.endsWith("#")) {
            rest = rest.substring(0, rest.length() - 1);
            if (rest.endsWith(".")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            tail = true;
        }
        this.anyWordsAfter = tail;
        this.words = rest.split("\\.", -1);
    }

    /** Artemis refuses a match with {@code #} anywhere but at its end. */
    static boolean isValid(String match) {
        int hash = match.indexOf('#');
        return hash < 0 || hash == match.length() - 1;
    }

    static boolean isLiteral(String match) {
        return match.indexOf('#') < 0 && match.indexOf('*') < 0;
    }

    String match() {
        return match;
    }

    boolean matches(String address) {
        if (all) {
            return true;
        }
        String[] parts = address.split("\\.", -1);
        if (parts.length < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!wordMatches(words[i], parts[i])) {
                return false;
            }
        }
        if (parts.length == words.length) {
            return true;
        }
        // '#' is "(\..+)*": anything after one more '.', as long as something follows it.
        return anyWordsAfter && !(parts.length == words.length + 1 && parts[words.length].isEmpty());
    }

    /**
     * One word against a word pattern where {@code *} is one or more characters: the classic
     * greedy glob match with one remembered star, linear in practice and at most
     * {@code pattern.length() * word.length()} steps.
     */
    static boolean wordMatches(String pattern, String word) {
        int p = 0;
        int w = 0;
        int star = -1;
        int resume = 0;
        while (w < word.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = ++w; // a star takes at least one character
            } else if (p < pattern.length() && pattern.charAt(p) == word.charAt(w)) {
                p++;
                w++;
            } else if (star >= 0) {
                p = star + 1;
                w = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            return false; // a star left over would need a character more
        }
        return p == pattern.length();
    }

    /** Artemis's MatchComparator: literal before '*', '*' before '#', and among them by their words. */
    private static int compare(String a, String b) {
        boolean aAny = a.contains("#");
        boolean bAny = b.contains("#");
        if (aAny != bAny) {
            return aAny ? 1 : -1;
        }
        if (aAny) {
            return b.length() - a.length();
        }
        boolean aOne = a.contains("*");
        boolean bOne = b.contains("*");
        if (aOne != bOne) {
            return aOne ? 1 : -1;
        }
        if (aOne) {
            String[] aw = a.split("\\.");
            String[] bw = b.split("\\.");
            for (int i = 0; i < aw.length; i++) {
                if (i >= bw.length) {
                    return -1;
                }
                boolean as = aw[i].equals("*");
                boolean bs = bw[i].equals("*");
                if (as != bs) {
                    return as ? 1 : -1;
                }
            }
        }
        return a.length() - b.length();
    }
}
