package cn.shanghai.techfinance.contracts.bank;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a component of an event record is written on the wire, where its Java type alone does not
 * say it. {@link BankEventCodec} reads these, and the AsyncAPI test checks the document agrees.
 */
public final class Field {

    private Field() {
    }

    /** CNY as a string of plain digits, at most 2 fractional digits, no sign or exponent. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Money {
    }

    /** An annual rate as a decimal string in [0, 1), at most 6 fractional digits. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Rate {
    }

    /** A JSON integer within bounds. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Count {
        int min() default 0;

        int max() default Integer.MAX_VALUE;
    }

    /** A non-empty string of at most {@code max} characters (document numbers, names, codes). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Text {
        int max() default 64;
    }

    /** Exactly {@code value} ASCII digits (industry and district codes). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Digits {
        int value();
    }

    /** A 统一社会信用代码 whose 18th character passes the GB 32100-2015 check. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Uscc {
    }

    /** May be absent or null; every other field is required. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Optional {
    }
}
