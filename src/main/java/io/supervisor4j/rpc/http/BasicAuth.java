package io.supervisor4j.rpc.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * One server section's HTTP Basic credentials. A stored password {@code {SHA}hex} matches when hex equals the
 * lower-case hex SHA-1 of the supplied password (upper-case hex in the config never matches, as in supervisord);
 * otherwise the passwords are compared as strings.
 */
public record BasicAuth(String username, String password) {

  /** The outcome of checking an {@code Authorization} header. */
  public enum Verdict {
    ALLOWED,
    DENIED,
    MALFORMED
  }

  /** Credentials when the section configures both username and password; none means no checking. */
  public static Optional<BasicAuth> of(Optional<String> username, Optional<String> password) {
    return username.isPresent() && password.isPresent()
        ? Optional.of(new BasicAuth(username.get(), password.get()))
        : Optional.empty();
  }

  public Verdict check(Optional<String> authorization) {
    if (authorization.isEmpty()) {
      return Verdict.DENIED;
    }
    String header = authorization.get().strip();
    int space = header.indexOf(' ');
    if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
      return Verdict.DENIED;
    }
    String decoded;
    try {
      decoded = new String(Base64.getMimeDecoder().decode(header.substring(space + 1).strip()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Verdict.MALFORMED;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Verdict.DENIED;
    }
    return matches(decoded.substring(0, colon), decoded.substring(colon + 1)) ? Verdict.ALLOWED : Verdict.DENIED;
  }

  boolean matches(String user, String pass) {
    if (!user.equals(username)) {
      return false;
    }
    String expected = password;
    String supplied = pass;
    if (password.startsWith("{SHA}")) {
      expected = password.substring(5);
      supplied = sha1Hex(pass);
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), supplied.getBytes(StandardCharsets.UTF_8));
  }

  static String sha1Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
    }
  }

  @Override
  public String toString() {
    return "BasicAuth[username=" + username + ", password=***]";
  }
}
