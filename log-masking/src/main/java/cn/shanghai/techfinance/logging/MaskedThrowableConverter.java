package cn.shanghai.techfinance.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's {@code %wEx} (a stack trace with packaging data, set off by blank lines) with
 * {@link SensitiveValues} masked: exception messages repeat what a failed call carried.
 */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return SensitiveValues.mask(super.throwableProxyToString(proxy));
    }
}
