package cn.shanghai.techfinance.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem body where no controller is involved (the security filters, the
 * request-body limit): {@code title}, {@code status}, {@code detail}, {@code instance} — the members
 * the controllers' problems carry too ({@code type} left out: absent, it is {@code about:blank}).
 */
final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        byte[] json = JSON.writeValueAsBytes(body);
        response.setStatus(status.value());
        // JSON is UTF-8 by definition (RFC 8259): no charset parameter
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // a length, not chunks: the answer stays whole even when the server then closes the
        // connection (a refused body beyond what Tomcat swallows)
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
        response.flushBuffer();
    }
}
