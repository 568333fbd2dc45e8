// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** The small wording helpers the skins' summary lines share. */
final class SummaryText {
    private SummaryText() {
    }

    /** A number without needless decimals: 80, 2.5, 0.33. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** An enum constant as a person writes it: CONTENT_ROUTER gives "content router". */
    static String word(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
