package dev.tokenguard.internal.jakarta;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A safety net, registered by TokenGuard's {@code web-fragment.xml} in front of everything: when the
 * mechanism refused a request but the server went on to the resource anyway (Open Liberty ignores a failed
 * authentication on resources it does not consider protected), the refusal stands.
 */
public class ChallengeFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(ChallengeWriter.REQUEST_ATTRIBUTE) instanceof Challenge challenge
                && request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
            ChallengeWriter.send(http, httpResponse, challenge);
            return;
        }
        chain.doFilter(request, response);
    }
}
