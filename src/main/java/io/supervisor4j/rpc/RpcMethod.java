package io.supervisor4j.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One published XML-RPC method. {@code help} is what {@code system.methodHelp} returns; the signature for
 * {@code system.methodSignature} is {@code [returnType, paramTypes...]} and is empty when unknown (then the
 * call faults SIGNATURE_UNSUPPORTED, as supervisord does for docstrings without {@code @return}).
 * {@code minArgs..maxArgs} is the accepted parameter count (optional trailing parameters such as {@code wait}).
 */
public record RpcMethod(String name, String help, List<String> signature, int minArgs, int maxArgs,
    RpcHandler handler) {

  public RpcMethod {
    signature = List.copyOf(signature);
    if (name.split("\\.", -1).length != 2) {
      throw new IllegalArgumentException("method name must be namespace.method: " + name);
    }
    if (minArgs < 0 || maxArgs < minArgs) {
      throw new IllegalArgumentException("bad arity " + minArgs + ".." + maxArgs + " for " + name);
    }
  }

  /**
   * A method whose signature is read from {@code @param type name ...} and {@code @return type name ...} lines
   * of its help text, as supervisord derives it from docstrings.
   */
  public static RpcMethod of(String name, String help, int minArgs, int maxArgs, RpcHandler handler) {
    return new RpcMethod(name, help, signatureFromHelp(help).orElse(List.of()), minArgs, maxArgs, handler);
  }

  /** A method taking exactly {@code args} parameters. */
  public static RpcMethod of(String name, String help, int args, RpcHandler handler) {
    return of(name, help, args, args, handler);
  }

  /** The same method published under another name (supervisord's aliases such as {@code getVersion}). */
  public RpcMethod alias(String aliasName) {
    return new RpcMethod(aliasName, help, signature, minArgs, maxArgs, handler);
  }

  /** {@code [return, params...]} from the tags; empty without {@code @return}. */
  public static Optional<List<String>> signatureFromHelp(String help) {
    String returnType = null;
    List<String> params = new ArrayList<>();
    for (String raw : help.split("\n", -1)) {
      String line = raw.strip();
      if (!line.startsWith("@")) {
        continue;
      }
      String[] parts = line.split("\\s+", 3);
      String type = parts.length > 1 ? parts[1] : "";
      switch (parts[0]) {
        case "@return" -> returnType = type;
        case "@param" -> params.add(type);
        default -> {}
      }
    }
    if (returnType == null) {
      return Optional.empty();
    }
    List<String> sig = new ArrayList<>();
    sig.add(returnType);
    sig.addAll(params);
    return Optional.of(sig);
  }
}
