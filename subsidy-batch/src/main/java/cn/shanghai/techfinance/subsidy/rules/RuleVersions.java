package cn.shanghai.techfinance.subsidy.rules;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * All versions of the rule data, without overlaps. A claim is computed with the version in force
 * on its trigger date.
 */
public record RuleVersions(List<RuleParameters> versions) {

    public RuleVersions {
        versions = versions.stream().sorted(Comparator.comparing(RuleParameters::effectiveFrom)).toList();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < versions.size(); i++) {
            RuleParameters version = versions.get(i);
            if (!ids.add(version.version())) {
                throw new IllegalArgumentException("rule version " + version.version() + " appears twice");
            }
            if (i + 1 < versions.size()) {
                RuleParameters next = versions.get(i + 1);
                if (version.effectiveTo() == null || !version.effectiveTo().isBefore(next.effectiveFrom())) {
                    throw new IllegalArgumentException(
                            "rule versions " + version.version() + " and " + next.version() + " overlap");
                }
            }
        }
    }

    /**
     * The version for a claim triggered on {@code triggerDate}. A date before every version takes
     * the first one, whose window rules then reject it (OUT_OF_WINDOW); a date in a gap or after
     * the last version finds none: the claim waits until rule data covers it.
     */
    public Optional<RuleParameters> forTriggerDate(LocalDate triggerDate) {
        if (!versions.isEmpty() && triggerDate.isBefore(versions.get(0).effectiveFrom())) {
            return Optional.of(versions.get(0));
        }
        return versions.stream().filter(version -> version.isEffectiveOn(triggerDate)).findFirst();
    }
}
