package cn.shanghai.techfinance.subsidy.rules;

/** One eligibility rule of a programme, applied to the facts of a triggered claim. */
@FunctionalInterface
public interface ClaimPolicy<C> {

    Decision decide(C claim, RuleParameters parameters);
}
