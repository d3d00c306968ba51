package cn.shanghai.techfinance.security;

import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of a service's API as an RFC 9457 problem whose {@code detail} says what was wrong
 * in the caller's terms — which parameter or JSON field, and why — and never a stack trace, SQL,
 * or a Java class name. What fails on our side is a bare 500, logged here.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    private static final int MAX_ECHO = 64;

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(ex, status, "the parameter '" + ex.getParameterName() + "' is missing", request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String what = ex instanceof MethodArgumentTypeMismatchException m && m.getParameter().hasParameterAnnotation(PathVariable.class) ? "the path segment '" : "the parameter '";
        return problem(ex, status, what + name + "' must be " + describe(ex.getRequiredType()) + ", not '"
                + echo(ex.getValue()) + "'", request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String fields = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> "'" + e.getField() + "' " + reason(e)).collect(Collectors.joining("; "));
        return problem(ex, status, fields.isEmpty() ? "the request is not valid" : fields, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        RequestBodyLimit.TooLarge tooLarge = cause(ex, RequestBodyLimit.TooLarge.class);
        if (tooLarge != null) {
            return problem(ex, HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), request);
        }
        return problem(ex, status, unreadable(ex), request);
    }

    /** What the body limit throws outside a message converter (a controller reading the stream itself). */
    @ExceptionHandler(RequestBodyLimit.TooLarge.class)
    ResponseEntity<Object> tooLarge(RequestBodyLimit.TooLarge ex, WebRequest request) {
        return problem(ex, HttpStatus.CONTENT_TOO_LARGE, ex.getMessage(), request);
    }

    /** Anything else failed on our side: the caller learns only that, the log has the rest. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> internal(Exception ex, WebRequest request) {
        RequestBodyLimit.TooLarge tooLarge = cause(ex, RequestBodyLimit.TooLarge.class);
        if (tooLarge != null) {
            return tooLarge(tooLarge, request);
        }
        log.error("request {} failed", request.getDescription(false), ex);
        return problem(ex, HttpStatus.INTERNAL_SERVER_ERROR, "an internal error occurred; it has been logged", request);
    }

    private ResponseEntity<Object> problem(Exception ex, HttpStatusCode status, String detail, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        return handleExceptionInternal(ex, body, new HttpHeaders(), status, request);
    }

    private static String unreadable(HttpMessageNotReadableException ex) {
        JacksonException json = cause(ex, JacksonException.class);
        if (json == null) {
            return "the request body is missing or unreadable";
        }
        String path = path(json);
        if (json instanceof MismatchedInputException mismatch) {
            // valid JSON, but not of the shape expected
            return path.equals("$") ? "the request body must be " + describe(mismatch.getTargetType())
                    : "the field '" + path + "' must be " + describe(mismatch.getTargetType());
        }
        TokenStreamLocation at = json.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "the request body is not valid JSON" + where + (path.equals("$") ? "" : " (in '" + path + "')");
    }

    /** The JSON path of the value that failed, {@code $.a.b[2]}. */
    private static String path(JacksonException json) {
        StringBuilder path = new StringBuilder("$");
        for (JacksonException.Reference ref : json.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append('.').append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A type in the caller's words. */
    static String describe(Class<?> type) {
        if (type == null) {
            return "of another form";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String reason(FieldError error) {
        return error.getDefaultMessage() == null ? "is not valid" : error.getDefaultMessage();
    }

    private static String echo(Object value) {
        String text = String.valueOf(value);
        return text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "…" : text;
    }

    private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
