package eu.indriva.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The admin API's bearer token, compared in constant time. */
public final class AdminToken {

    private final byte[] token;

    public AdminToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AdminToken[hidden]";
    }
}
