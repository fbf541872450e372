package io.supervisor4j.ctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code status} table: namespec left-justified to {@code max(30, longest) + 3}, state name to 10, then the
 * server's description, or the failure reason supervisor4j adds to it when the description does not carry it.
 */
final class StatusTable {
  private StatusTable() {}

  static List<String> lines(List<Map<String, Object>> infos) {
    int width = 30;
    List<String> specs = new ArrayList<>();
    for (Map<String, Object> info : infos) {
      String spec = Structs.namespec(info);
      specs.add(spec);
      width = Math.max(width, spec.codePointCount(0, spec.length()));
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < infos.size(); i++) {
      Map<String, Object> info = infos.get(i);
      lines.add(PyText.ljust(specs.get(i), width + 3) + PyText.ljust(Structs.str(info, "statename"), 10)
          + description(info));
    }
    return lines;
  }

  /**
   * The server's description when it already ends with supervisor4j's one-line failure reason (the default) or
   * there is none; the reason in its place when the server keeps supervisord's text ({@code descriptions=supervisord}).
   */
  static String description(Map<String, Object> info) {
    String reason = Structs.str(info, "reason");
    String description = Structs.str(info, "description");
    return reason.isEmpty() || description.endsWith(reason) ? description : reason;
  }
}
