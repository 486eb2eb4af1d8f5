package liuyu.api.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import liuyu.api.ApiProblem;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

class BudgetTest {
    @Test
    void aSpentBudgetRefusesToGoOnWith503NamingTheSetting() {
        Budget spent = Budget.starting(Duration.ZERO);
        assertThatThrownBy(spent::check).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(p.getMessage()).contains("liuyu.limits.request-time");
        });
    }

    @Test
    void aFreshBudgetLetsWorkGoOnAndARequestWithoutOneIsUnlimited() {
        Budget.starting(Duration.ofMinutes(1)).check();
        Budget.of(new MockHttpServletRequest()).check();
    }

    @Test
    void anInterruptedThreadStopsEvenWithoutABudget() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Budget.of(new MockHttpServletRequest()).check())
                    .isInstanceOf(ApiProblem.class);
        } finally {
            Thread.interrupted();
        }
    }
}
