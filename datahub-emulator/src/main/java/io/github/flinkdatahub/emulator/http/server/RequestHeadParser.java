package io.github.flinkdatahub.emulator.http.server;

import io.github.flinkdatahub.emulator.http.server.RefusedRequestException.Reason;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads one request line and header section from a connection, never more than the {@link
 * HttpLimits} allow, and refuses what HTTP/1.1 (RFC 9112) does not allow: bytes other than
 * printable ASCII, folded or nameless header lines, unknown framing.
 */
final class RequestHeadParser {
    /** The methods of DataHub's API, and HEAD. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE");

    /** Empty lines a client may send before a request line (RFC 9112 section 2.2). */
    private static final int MAX_EMPTY_LINES = 4;

    /** Longest excerpt of a request line quoted in an error. */
    private static final int QUOTE_LENGTH = 100;

    private final ConnectionInput in;
    private final HttpLimits limits;

    RequestHeadParser(ConnectionInput in, HttpLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /**
     * The head of the next request, or null when the client closed the connection before sending
     * one.
     */
    RequestHead next() throws IOException {
        String requestLine;
        int emptyLines = 0;
        do {
            if (in.peek() < 0) {
                return null;
            }
            requestLine = in.readLine(limits.maxRequestLineBytes());
            if (requestLine == null) {
                throw new RefusedRequestException(
                        Reason.REQUEST_LINE_TOO_LONG,
                        "The request line is longer than "
                                + limits.maxRequestLineBytes()
                                + " bytes; at most "
                                + limits.maxRequestLineBytes()
                                + " bytes are allowed: send a shorter path and query.");
            }
        } while (requestLine.isEmpty() && ++emptyLines <= MAX_EMPTY_LINES);
        return parseHeaders(parseRequestLine(requestLine));
    }

    private static RequestLine parseRequestLine(String requestLine) throws RefusedRequestException {
        for (int i = 0; i < requestLine.length(); i++) {
            int b = requestLine.charAt(i);
            if (b < 0x20 || b > 0x7E) {
                throw new RefusedRequestException(
                        Reason.MALFORMED_REQUEST_LINE,
                        "The request line has the byte "
                                + hex(b)
                                + " at offset "
                                + i
                                + ": only printable ASCII is allowed (percent-encode the path"
                                + " and query as UTF-8).");
            }
        }
        int firstSpace = requestLine.indexOf(' ');
        int lastSpace = requestLine.lastIndexOf(' ');
        if (firstSpace <= 0
                || lastSpace == firstSpace
                || requestLine.indexOf(' ', firstSpace + 1) != lastSpace
                || lastSpace == requestLine.length() - 1
                || lastSpace == firstSpace + 1) {
            throw malformedRequestLine(requestLine);
        }
        String method = requestLine.substring(0, firstSpace);
        String target = requestLine.substring(firstSpace + 1, lastSpace);
        String version = requestLine.substring(lastSpace + 1);
        if (!isToken(method)) {
            throw malformedRequestLine(requestLine);
        }
        boolean http10 = http10(version, requestLine);
        if (!METHODS.contains(method)) {
            throw new RefusedRequestException(
                    Reason.UNSUPPORTED_METHOD,
                    "The method '"
                            + method
                            + "' is not supported: DataHub's API uses GET, POST, PUT and DELETE.");
        }
        String pathAndQuery = originForm(target, requestLine);
        int q = pathAndQuery.indexOf('?');
        return new RequestLine(
                method,
                q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                q < 0 ? null : pathAndQuery.substring(q + 1),
                http10);
    }

    private static boolean http10(String version, String requestLine)
            throws RefusedRequestException {
        if (version.length() != 8
                || !version.startsWith("HTTP/")
                || !isDigit(version.charAt(5))
                || version.charAt(6) != '.'
                || !isDigit(version.charAt(7))) {
            throw malformedRequestLine(requestLine);
        }
        if (version.charAt(5) != '1') {
            throw new RefusedRequestException(
                    Reason.UNSUPPORTED_VERSION,
                    "The HTTP version '" + version + "' is not supported: use HTTP/1.1.");
        }
        // A later 1.x minor version is served as 1.1 (RFC 9110 section 6.2).
        return version.charAt(7) == '0';
    }

    /** The path and query of an origin-form or absolute-form (proxy style) target. */
    private static String originForm(String target, String requestLine)
            throws RefusedRequestException {
        if (target.startsWith("/")) {
            return target;
        }
        String lower = target.toLowerCase(Locale.ROOT);
        int schemeEnd = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
        if (schemeEnd < 0) {
            throw new RefusedRequestException(
                    Reason.MALFORMED_REQUEST_LINE,
                    "The request target of '"
                            + quote(requestLine)
                            + "' is not a path: it must start with '/'.");
        }
        for (int i = schemeEnd; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '/') {
                return target.substring(i);
            }
            if (c == '?') {
                return "/" + target.substring(i);
            }
        }
        return "/";
    }

    private RequestHead parseHeaders(RequestLine requestLine) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int used = 0;
        int count = 0;
        while (true) {
            // Every line counts with its CR LF; the empty line ending the section does not.
            String line = in.readLine(Math.max(0, limits.maxHeaderBytes() - used - 2));
            if (line == null) {
                throw new RefusedRequestException(
                        Reason.HEADER_SECTION_TOO_LARGE,
                        "The request's header section is larger than "
                                + limits.maxHeaderBytes()
                                + " bytes (more than "
                                + limits.maxHeaderBytes()
                                + " bytes read after "
                                + count
                                + " complete header fields); at most "
                                + limits.maxHeaderBytes()
                                + " bytes are allowed.");
            }
            if (line.isEmpty()) {
                break;
            }
            used += line.length() + 2;
            if (++count > limits.maxHeaderCount()) {
                throw new RefusedRequestException(
                        Reason.TOO_MANY_HEADERS,
                        "The request has more than "
                                + limits.maxHeaderCount()
                                + " header fields ("
                                + count
                                + " read so far); at most "
                                + limits.maxHeaderCount()
                                + " are allowed.");
            }
            addHeader(headers, line, count);
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        return head(requestLine, Collections.unmodifiableMap(headers));
    }

    private static void addHeader(Map<String, List<String>> headers, String line, int number)
            throws RefusedRequestException {
        if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            throw new RefusedRequestException(
                    Reason.MALFORMED_HEADER,
                    "Header line "
                            + number
                            + " starts with whitespace: folded header lines are not allowed.");
        }
        int colon = -1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ':') {
                colon = i;
                break;
            }
            if (!isTokenChar(line.charAt(i))) {
                break;
            }
        }
        if (colon <= 0) {
            throw new RefusedRequestException(
                    Reason.MALFORMED_HEADER,
                    "Header line "
                            + number
                            + " is not 'Name: value' (the name must be a token, directly"
                            + " followed by ':').");
        }
        String name = line.substring(0, colon);
        int start = colon + 1;
        int end = line.length();
        while (start < end && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        for (int i = start; i < end; i++) {
            int b = line.charAt(i);
            if ((b < 0x20 && b != '\t') || b > 0x7E) {
                throw new RefusedRequestException(
                        Reason.MALFORMED_HEADER,
                        "The value of header '"
                                + name
                                + "' has the byte "
                                + hex(b)
                                + " at offset "
                                + (i - start)
                                + ": only printable ASCII is allowed.");
            }
        }
        headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(line.substring(start, end));
    }

    private static RequestHead head(RequestLine requestLine, Map<String, List<String>> headers)
            throws RefusedRequestException {
        boolean http10 = requestLine.http10;
        List<String> transferEncoding = headers.get("Transfer-Encoding");
        List<String> contentLength = headers.get("Content-Length");
        boolean chunked = false;
        long length = 0;
        if (transferEncoding != null) {
            if (contentLength != null) {
                throw new RefusedRequestException(
                        Reason.MALFORMED_HEADER,
                        "The request has both Transfer-Encoding and Content-Length: send one.");
            }
            if (transferEncoding.size() != 1
                    || !transferEncoding.get(0).equalsIgnoreCase("chunked")) {
                throw new RefusedRequestException(
                        Reason.MALFORMED_HEADER,
                        "Transfer-Encoding '"
                                + String.join(", ", transferEncoding)
                                + "' is not supported: send 'chunked' alone or a"
                                + " Content-Length.");
            }
            chunked = true;
            length = -1;
        } else if (contentLength != null) {
            length = contentLength(contentLength);
        }
        boolean expectContinue = false;
        String expect = first(headers, "Expect");
        if (expect != null) {
            if (!expect.equalsIgnoreCase("100-continue")) {
                throw new RefusedRequestException(
                        Reason.UNSUPPORTED_EXPECTATION,
                        "Expect '" + expect + "' is not supported: only '100-continue' is.");
            }
            // HTTP/1.0 clients do not know 100 Continue (RFC 9110 section 10.1.1).
            expectContinue = !http10 && length != 0;
        }
        boolean close = false;
        boolean keepAlive = false;
        List<String> connection = headers.get("Connection");
        if (connection != null) {
            for (String value : connection) {
                for (String token : value.split(",")) {
                    String t = token.trim();
                    close |= t.equalsIgnoreCase("close");
                    keepAlive |= t.equalsIgnoreCase("keep-alive");
                }
            }
        }
        return new RequestHead(
                requestLine.method,
                requestLine.path,
                requestLine.query,
                http10,
                headers,
                length,
                chunked,
                expectContinue,
                !close && (!http10 || keepAlive));
    }

    /** One length, however many times (and in however many list members) it is repeated. */
    private static long contentLength(List<String> values) throws RefusedRequestException {
        String seen = null;
        for (String value : values) {
            for (String member : value.split(",", -1)) {
                String m = member.trim();
                if (m.isEmpty()
                        || m.length() > 18
                        || !m.chars().allMatch(RequestHeadParser::isDigit)
                        || (seen != null && !seen.equals(m))) {
                    throw new RefusedRequestException(
                            Reason.MALFORMED_HEADER,
                            "Invalid Content-Length '"
                                    + String.join(", ", values)
                                    + "': it must be one non-negative decimal number.");
                }
                seen = m;
            }
        }
        return Long.parseLong(seen);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static RefusedRequestException malformedRequestLine(String requestLine) {
        return new RefusedRequestException(
                Reason.MALFORMED_REQUEST_LINE,
                "The request line '"
                        + quote(requestLine)
                        + "' is not 'METHOD /path HTTP/1.1' (single spaces between the parts).");
    }

    private static String quote(String requestLine) {
        return requestLine.length() <= QUOTE_LENGTH
                ? requestLine
                : requestLine.substring(0, QUOTE_LENGTH) + "...";
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** tchar of RFC 9110 section 5.6.2. */
    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || isDigit(c)
                || (c < 0x7F && c > 0x20 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static String hex(int b) {
        return String.format(Locale.ROOT, "0x%02X", b);
    }

    /** Method, raw path, raw query (or null) and whether the version is HTTP/1.0. */
    private static final class RequestLine {
        final String method;
        final String path;
        final String query;
        final boolean http10;

        RequestLine(String method, String path, String query, boolean http10) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.http10 = http10;
        }
    }
}
