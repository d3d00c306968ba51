package cn.shanghai.techfinance.subsidy.console;

import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A claim's reason codes in words, in the page's language ({@link ReasonCode}'s own texts, which the
 * notifier's e-mails use too). In a template: {@code ${@reasonWords.of(claim.reasons())}}.
 */
@Component("reasonWords")
public class ReasonWords {

    /** The words of each code of a comma-separated list (as the claim table keeps it); a code not known is shown as it is. */
    public List<String> of(String reasons) {
        List<String> words = new ArrayList<>();
        if (reasons == null || reasons.isBlank()) {
            return words;
        }
        boolean english = Locale.ENGLISH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
        for (String code : reasons.split(",")) {
            String trimmed = code.strip();
            try {
                ReasonCode reason = ReasonCode.valueOf(trimmed);
                words.add(english ? reason.en() : reason.zh());
            } catch (IllegalArgumentException unknown) {
                words.add(trimmed);
            }
        }
        return words;
    }
}
