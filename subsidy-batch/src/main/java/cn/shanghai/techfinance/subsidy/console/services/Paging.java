package cn.shanghai.techfinance.subsidy.console.services;

/** Page numbers and ids from a page's links: a link edited by hand into nonsense shows the first page, not an error. */
final class Paging {

    private Paging() {
    }

    /** The whole number 0 or more that {@code given} is, else 0. */
    static long number(String given) {
        try {
            return Math.max(0, Long.parseLong(given.strip()));
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
