package dev.tokenguard.sample;

import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A plain servlet behind a web.xml security constraint (role read). */
@WebServlet("/secure/servlet")
public class SecureServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.getWriter().write(Json.createObjectBuilder()
                .add("servlet", request.getUserPrincipal().getName())
                .add("principalIsJsonWebToken", request.getUserPrincipal() instanceof JsonWebToken)
                .add("isUserInRoleRead", request.isUserInRole("read"))
                .build().toString());
    }
}
