package dev.chatroute.internal.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The median user's spend, which outliers are measured against. */
class MedianTest {

    @Test
    void theMiddleValueOfAnOddCountTheMeanOfTheMiddleTwoOfAnEvenOneAndZeroForNone() {
        assertThat(UsageReports.median(List.of(d("3"), d("1"), d("2")))).isEqualByComparingTo("2");
        assertThat(UsageReports.median(List.of(d("4"), d("1"), d("2"), d("100")))).isEqualByComparingTo("3");
        assertThat(UsageReports.median(List.of(d("0.000000000001"), d("0.000000000002"))))
                .isEqualByComparingTo("0.0000000000015");
        assertThat(UsageReports.median(List.of())).isEqualByComparingTo("0");
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
