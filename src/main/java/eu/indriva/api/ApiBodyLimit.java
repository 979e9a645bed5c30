package eu.indriva.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Admin API request bodies are at most {@link #MAX_BYTES}: a larger one is refused with 413 before
 * it is read (by its Content-Length) or as soon as the limit is passed (a chunked body), instead of
 * being read whole into memory. Runs after the token check, so a caller without it learns nothing.
 */
@Component
@Order(1)
public class ApiBodyLimit extends AdminApiFilter {

    /** 512 KiB: a tenant with the most excluded customer numbers allowed is about half of that. */
    public static final int MAX_BYTES = 512 * 1024;

    /** Thrown while reading a body past the limit; answered 413 by {@link ApiErrors}. */
    public static final class TooLarge extends IOException {
        TooLarge() {
            super("the request body is over " + MAX_BYTES / 1024 + " KiB");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            refuse(response, 413, "{\"error\":\"too_large\",\"message\":\"" + new TooLarge().getMessage()
                    + "; nothing was read or stored\",\"field\":\"body\"}");
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            private ServletInputStream limited;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (limited == null) {
                    limited = new Limited(super.getInputStream());
                }
                return limited;
            }
        }, response);
    }

    private static final class Limited extends ServletInputStream {
        private final ServletInputStream in;
        private long read;

        Limited(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > MAX_BYTES) {
                throw new TooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
