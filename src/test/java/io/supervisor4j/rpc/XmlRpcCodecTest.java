package io.supervisor4j.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class XmlRpcCodecTest {

  private static Map<String, Object> sample() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("name", "cat");
    inner.put("pid", 1234);
    inner.put("tags", List.of("a<b", "c&d", "e>f"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("zeta", 1);
    m.put("alpha", List.of(true, false, 1.5, "<&>é\u4e2d\uD83D\uDE00", Map.of(), List.of()));
    m.put("b&<>", inner);
    m.put("neg", -2147483648);
    m.put("max", 2147483647);
    m.put("doubles", List.of(1e20, 0.1, 123456789.0, 1e16, 1e-7, 2.5e-5, -0.0, 0.0001, 1e15, 3.0, 1.0 / 3));
    m.put("empty", "");
    m.put("quotes", "a\r\nb\"'\t");
    m.put("bin", "hi\0there, a line longer than seventy-six characters of base64 output for wrapping"
        .getBytes(StandardCharsets.UTF_8));
    m.put("nobin", new byte[0]);
    m.put("when", LocalDateTime.of(2020, 1, 2, 3, 4, 5));
    return m;
  }

  private static final String PY_SAMPLE = """
      import xmlrpc.client as x, datetime, sys
      v = {'zeta': 1, 'alpha': [True, False, 1.5, '<&>\\u00e9\\u4e2d\\U0001F600', {}, []],
           'b&<>': {'name': 'cat', 'pid': 1234, 'tags': ['a<b', 'c&d', 'e>f']},
           'neg': -2147483648, 'max': 2147483647,
           'doubles': [1e20, 0.1, 123456789.0, 1e16, 1e-7, 2.5e-5, -0.0, 0.0001, 1e15, 3.0, 1.0/3],
           'empty': '', 'quotes': 'a\\r\\nb"\\'\\t',
           'bin': x.Binary(b'hi\\0there, a line longer than seventy-six characters of base64 output for wrapping'),
           'nobin': x.Binary(b''),
           'when': datetime.datetime(2020, 1, 2, 3, 4, 5)}
      """;

  @Test
  void responseIsByteIdenticalToPythonDumps() throws Exception {
    String py = PythonRunner.output(PY_SAMPLE
        + "sys.stdout.buffer.write(x.dumps((v,), methodresponse=True).encode('utf-8'))\n");
    assertThat(new String(XmlRpcWriter.response(sample()), StandardCharsets.UTF_8)).isEqualTo(py);
  }

  @Test
  void faultAndCallAreByteIdenticalToPython() throws Exception {
    String fault = PythonRunner.output("import xmlrpc.client as x, sys\n"
        + "sys.stdout.write(x.dumps(x.Fault(10, 'BAD_NAME: <nope> & co'), methodresponse=True))\n");
    assertThat(new String(XmlRpcWriter.fault(10, "BAD_NAME: <nope> & co"), StandardCharsets.UTF_8)).isEqualTo(fault);

    String call = PythonRunner.output(PY_SAMPLE + "sys.stdout.buffer.write(x.dumps((v, 'x', 7), 'test.echo').encode())\n");
    assertThat(new String(XmlRpcWriter.call("test.echo", List.of(sample(), "x", 7)), StandardCharsets.UTF_8))
        .isEqualTo(call);
    String empty = PythonRunner.output("import xmlrpc.client as x, sys\nsys.stdout.write(x.dumps((), 'a.b'))\n");
    assertThat(new String(XmlRpcWriter.call("a.b", List.of()), StandardCharsets.UTF_8)).isEqualTo(empty);
  }

  @Test
  void doublesMatchPythonRepr() throws Exception {
    double[] values = {0.1, 0.2 + 0.1, 1e22, 1.7976931348623157e308, 4.9e-324, 1e-5, 0.0001, 9999999999999998.0,
        1e16, 123.456, -5e-10, 100.0, 12345678901234567890.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    StringBuilder py = new StringBuilder("import sys\nfor a in sys.argv[1:]: print(repr(float.fromhex(a)))\n");
    List<String> args = new ArrayList<>();
    for (double d : values) {
      args.add(Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : Double.toHexString(d));
    }
    String[] expected = PythonRunner.output(py.toString(), args.toArray(String[]::new)).split("\n");
    for (int i = 0; i < values.length; i++) {
      assertThat(XmlRpcWriter.pythonRepr(values[i])).as("repr of %s", values[i]).isEqualTo(expected[i]);
    }
  }

  @Test
  void roundTripsThroughOwnReader() {
    Map<String, Object> v = sample();
    Object back = XmlRpcReader.readResponse(XmlRpcWriter.response(v));
    assertThat(back).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) back;
    assertThat(m.keySet()).containsExactlyElementsOf(v.keySet());
    assertThat(m.get("alpha")).isEqualTo(v.get("alpha"));
    assertThat(m.get("b&<>")).isEqualTo(v.get("b&<>"));
    assertThat(m.get("doubles")).isEqualTo(v.get("doubles"));
    assertThat((byte[]) m.get("bin")).isEqualTo((byte[]) v.get("bin"));
    assertThat((byte[]) m.get("nobin")).isEmpty();
    assertThat(m.get("when")).isEqualTo(v.get("when"));
    assertThat(m.get("quotes")).isEqualTo("a\nb\"'\t"); // XML normalizes CR LF to LF, as in Python
  }

  @Test
  void readsFaultsAsRpcFault() {
    assertThatThrownBy(() -> XmlRpcReader.readResponse(XmlRpcWriter.fault(70, "NOT_RUNNING")))
        .isInstanceOfSatisfying(RpcFault.class, f -> {
          assertThat(f.code()).isEqualTo(70);
          assertThat(f.faultString()).isEqualTo("NOT_RUNNING");
          assertThat(f.is(RpcFaults.NOT_RUNNING)).isTrue();
        });
  }

  @Test
  void lenientRequestParsingLikeSupervisord() {
    String xml = "<?xml version='1.0'?><methodCall><methodName>a.b</methodName><params>"
        + "<param><value>untyped</value></param>"
        + "<param><value><i4> 42 </i4></value></param>"
        + "<param><value><boolean>1</boolean></value></param>"
        + "<param><value><weird>text <!-- c --> here</weird></value></param>"
        + "<param><value><nil/></value></param>"
        + "<param><value><struct><member><name>k</name><value><int>1</int></value></member></struct></value></param>"
        + "<param><value><array><data><value>x</value><value><double>inf</double></value></data></array></value></param>"
        + "<param><value><string><![CDATA[<raw>]]></string></value></param>"
        + "<param><value></value></param>"
        + "</params></methodCall>";
    XmlRpcCall call = XmlRpcReader.readCall(xml.getBytes(StandardCharsets.UTF_8), 64);
    assertThat(call.methodName()).isEqualTo("a.b");
    assertThat(call.params()).containsExactly("untyped", 42, true, "text  here", Nil.INSTANCE, Map.of("k", 1),
        List.of("x", Double.POSITIVE_INFINITY), "<raw>", "");

    XmlRpcCall noParams = XmlRpcReader.readCall(
        "<methodCall><methodName>system.listMethods</methodName></methodCall>".getBytes(StandardCharsets.UTF_8), 64);
    assertThat(noParams.params()).isEmpty();
  }

  @Test
  void rejectsBadRequests() {
    assertThatThrownBy(() -> parse("<methodCall><params/></methodCall>")).hasMessageContaining("no method name");
    assertThatThrownBy(() -> parse("<methodCall><methodName></methodName></methodCall>"))
        .isInstanceOf(XmlRpcException.class);
    assertThatThrownBy(() -> parse("not xml")).isInstanceOf(XmlRpcException.class);
    assertThatThrownBy(() -> parse("<methodCall><methodName>a.b</methodName><params><param><value><int>x</int>"
        + "</value></param></params></methodCall>")).hasMessageContaining("bad int");
    assertThatThrownBy(() -> parse("<methodCall><methodName>a.b</methodName><params><param><value>"
        + "<dateTime.iso8601>yesterday</dateTime.iso8601></value></param></params></methodCall>"))
        .hasMessageContaining("dateTime");
  }

  @Test
  void rejectsDoctypeEntitiesAndDeepNesting() {
    String laughs = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
        + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
        + "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>"
        + "<methodCall><methodName>a.b</methodName><params><param><value>&lol3;</value></param></params>"
        + "</methodCall>";
    assertThatThrownBy(() -> parse(laughs)).isInstanceOf(XmlRpcException.class);
    String xxe = "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
        + "<methodCall><methodName>a.b</methodName><params><param><value>&xxe;</value></param></params>"
        + "</methodCall>";
    assertThatThrownBy(() -> parse(xxe)).isInstanceOf(XmlRpcException.class).message().doesNotContain("root:");
    assertThatThrownBy(() -> parse("<methodCall><methodName>a.b</methodName><params><param><value>&undeclared;"
        + "</value></param></params></methodCall>")).isInstanceOf(XmlRpcException.class);
    String deep = "<methodCall><methodName>a.b</methodName><params><param>"
        + "<value><array><data>".repeat(10_000) + "</data></array></value>".repeat(10_000)
        + "</param></params></methodCall>";
    assertThatThrownBy(() -> parse(deep)).hasMessageContaining("nesting deeper than 64");
  }

  @Test
  void writerRejectsWhatXmlRpcCannotCarry() {
    assertThatThrownBy(() -> XmlRpcWriter.response(1L << 40)).hasMessageContaining("int exceeds");
    assertThatThrownBy(() -> XmlRpcWriter.response(Map.of(1, 2))).hasMessageContaining("struct keys");
    assertThatThrownBy(() -> XmlRpcWriter.response(new Object())).isInstanceOf(XmlRpcException.class);
    assertThat(new String(XmlRpcWriter.response(7L), StandardCharsets.UTF_8)).contains("<int>7</int>");
  }

  private static XmlRpcCall parse(String xml) {
    return XmlRpcReader.readCall(xml.getBytes(StandardCharsets.UTF_8), 64);
  }

  @Test
  void clientParserReadsWhatPythonWrites() throws Exception {
    String py = PythonRunner.output(PY_SAMPLE + "v['ctl'] = 'tab\\there \\u00e9 \\U0001F600 ]]> \\'q\\' \\x22d\\x22'\n"
        + "sys.stdout.buffer.write(x.dumps((v,), methodresponse=True).encode('utf-8'))\n");
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) XmlRpcReader.readResponse(py.getBytes(StandardCharsets.UTF_8));
    Map<String, Object> expected = sample();
    assertThat(m.get("alpha")).isEqualTo(expected.get("alpha"));
    assertThat(m.get("b&<>")).isEqualTo(expected.get("b&<>"));
    assertThat(m.get("doubles")).isEqualTo(expected.get("doubles"));
    assertThat(m.get("when")).isEqualTo(expected.get("when"));
    assertThat((byte[]) m.get("bin")).isEqualTo((byte[]) expected.get("bin"));
    assertThat(m.get("ctl")).isEqualTo("tab\there \u00e9 \uD83D\uDE00 ]]> 'q' \"d\"");
  }

  @Test
  void clientParserHandlesXmlSyntaxAndRejectsDoctype() {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!-- c --><methodResponse><params><param>"
        + "<value><array><data><value><string><![CDATA[<a&b>]]></string></value>"
        + "<value>&#233;&#x1F600;&quot;&apos;&lt;&gt;&amp;</value><value><i4 a='>'>5</i4></value>"
        + "<value><nil/></value><value><boolean>0</boolean></value></data></array></value>"
        + "</param></params></methodResponse>";
    assertThat(XmlRpcReader.readResponse(xml.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(List.of("<a&b>", "\u00e9\uD83D\uDE00\"'<>&", 5, Nil.INSTANCE, false));
    for (String bad : new String[] {
        "<!DOCTYPE x [<!ENTITY a 'b'>]><methodResponse><params><param><value>&a;</value></param></params>"
            + "</methodResponse>",
        "<methodResponse><params><param><value>&nope;</value></param></params></methodResponse>",
        "<methodResponse><params><param><value>x</param></params></methodResponse>",
        "<methodResponse><params><param><value>x</value></param>",
        "<methodResponse><params></params></methodResponse>",
        ""}) {
      assertThatThrownBy(() -> XmlRpcReader.readResponse(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
          .isInstanceOf(XmlRpcException.class);
    }
  }

  @Test
  void writesUtf8AsStringGetBytesDoesFromAnyBufferSize() {
    // lone surrogates become '?' (as String.getBytes makes them), pairs one 4-byte sequence
    String text = "a\uD800b\uDC00c\uD83D\uDE00 \u00e9\u4e2d <&> end\uD83D";
    List<Object> value = List.of(text, Map.of("k\u00e9", List.of(text, 7)));
    String expected = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><array><data>\n"
        + "<value><string>a?b?c\uD83D\uDE00 \u00e9\u4e2d &lt;&amp;&gt; end?</string></value>\n"
        + "<value><struct>\n<member>\n<name>k\u00e9</name>\n<value><array><data>\n"
        + "<value><string>a?b?c\uD83D\uDE00 \u00e9\u4e2d &lt;&amp;&gt; end?</string></value>\n"
        + "<value><int>7</int></value>\n</data></array></value>\n</member>\n</struct></value>\n"
        + "</data></array></value>\n</param>\n</params>\n</methodResponse>\n";
    assertThat(XmlRpcWriter.response(value)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    for (int hint : new int[] {0, 1, 100, 1 << 16}) {
      java.nio.ByteBuffer b = XmlRpcWriter.response(value, hint);
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      assertThat(bytes).as("hint %d", hint).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }
  }
}
