package cn.shanghai.techfinance.subsidy.rules;

import java.time.LocalDate;

/** 公示确认: a firm confirms within N working days after the publication date, or forfeits the claim. */
public final class ConfirmationWindow {

    private ConfirmationWindow() {
    }

    /** The last day a firm may confirm: the N-th working day after (not counting) the publication date. */
    public static LocalDate lastDay(LocalDate publishedOn, WorkingDayCalendar calendar, RuleParameters parameters) {
        LocalDate day = publishedOn;
        int workingDays = 0;
        while (workingDays < parameters.confirmationWorkingDays()) {
            day = day.plusDays(1);
            if (calendar.isWorkingDay(day)) {
                workingDays++;
            }
        }
        return day;
    }

    /** An unconfirmed claim is forfeited once the business date is past its last confirmation day. */
    public static boolean isForfeited(
            LocalDate publishedOn, LocalDate businessDate, WorkingDayCalendar calendar, RuleParameters parameters) {
        return businessDate.isAfter(lastDay(publishedOn, calendar, parameters));
    }
}
