package io.supervisor4j.rpc.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real Python clients against our server: xmlrpc.client over TCP, supervisor's own transport over unix. */
@Timeout(120)
class PythonClientTest {
  @TempDir Path dir;

  static final String SCRIPT = """
      import sys, xmlrpc.client
      from supervisor.xmlrpc import SupervisorTransport
      url, user, pw = sys.argv[1], sys.argv[2] or None, sys.argv[3] or None
      if url.startswith('unix://'):
          p = xmlrpc.client.ServerProxy('http://127.0.0.1', transport=SupervisorTransport(user, pw, url))
      else:
          auth = (user + ':' + pw + '@') if user else ''
          p = xmlrpc.client.ServerProxy('http://' + auth + url[len('http://'):] + '/RPC2')
      def show(key, fn):
          try:
              v = fn()
          except xmlrpc.client.Fault as f:
              v = ('fault', f.faultCode, f.faultString)
          except xmlrpc.client.ProtocolError as e:
              v = ('protocol', e.errcode)
          print(key + '=' + repr(v))
      show('echo', lambda: p.test.echo('h\\u00e9<>&'))
      show('echoAll', lambda: p.test.echoAll(1, True, 2.5, {'k': []}, [], 'x'))
      show('slow', lambda: p.test.slow(100))
      show('list', lambda: [m for m in p.system.listMethods() if not m.startswith('test.') or m == 'test.echo'])
      show('sig', lambda: p.system.methodSignature('test.echo'))
      show('sigNone', lambda: p.system.methodSignature('test.boom'))
      show('sigUnknown', lambda: p.system.methodSignature('nope.nope'))
      show('help', lambda: p.system.methodHelp('test.echo').splitlines()[0])
      show('fault', lambda: p.test.fault('x'))
      show('unknown', lambda: p.test.nope())
      show('hidden', lambda: p.test._hidden())
      show('dotted', lambda: getattr(p, 'test.echo.x')('a'))
      show('arity', lambda: p.test.echo())
      show('boom', lambda: p.test.boom())
      show('unmarshallable', lambda: p.test.unmarshallable())
      show('multi', lambda: p.system.multicall([
          {'methodName': 'test.echo', 'params': ['a']},
          {'methodName': 'test.fault', 'params': ['y']},
          {'params': []},
          {'methodName': 'system.multicall', 'params': [[]]},
          {'methodName': 'test.slow', 'params': [100]},
          {'methodName': 'test.boom'},
          {'methodName': 'test.list'},
      ]))
      show('after', lambda: p.test.echo(42))
      """;

  static Map<String, String> run(String url, String user, String pw) throws Exception {
    String out = io.supervisor4j.rpc.PythonRunner.output(SCRIPT, url, user, pw);
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return m;
  }

  @Test
  void pythonClientsSeeSupervisordSemantics() throws Exception {
    try (ServerFixture fx = new ServerFixture(dir)) {
      for (String url : fx.urls()) {
        Map<String, String> r = run(url, "", "");
        assertThat(r.get("echo")).isEqualTo("'hé<>&'");
        assertThat(r.get("echoAll")).isEqualTo("[1, True, 2.5, {'k': []}, [], 'x']");
        assertThat(r.get("slow")).isEqualTo("'slept 100'");
        assertThat(r.get("list")).isEqualTo(
            "['system.listMethods', 'system.methodHelp', 'system.methodSignature', 'system.multicall', 'test.echo']");
        assertThat(r.get("sig")).isEqualTo("['string', 'string']");
        assertThat(r.get("sigNone")).isEqualTo("('fault', 4, 'SIGNATURE_UNSUPPORTED')");
        assertThat(r.get("sigUnknown")).isEqualTo("('fault', 4, 'SIGNATURE_UNSUPPORTED')");
        assertThat(r.get("help")).isEqualTo("'Return the argument.'");
        assertThat(r.get("fault")).isEqualTo("('fault', 10, 'BAD_NAME: x')");
        assertThat(r.get("unknown")).isEqualTo("('fault', 1, 'UNKNOWN_METHOD')");
        assertThat(r.get("hidden")).isEqualTo("('fault', 1, 'UNKNOWN_METHOD')");
        assertThat(r.get("dotted")).isEqualTo("('fault', 1, 'UNKNOWN_METHOD')");
        assertThat(r.get("arity")).isEqualTo("('fault', 2, 'INCORRECT_PARAMETERS')");
        assertThat(r.get("boom")).isEqualTo("('protocol', 500)");
        assertThat(r.get("unmarshallable")).isEqualTo("('protocol', 500)");
        assertThat(r.get("multi")).isEqualTo("['a', "
            + "{'faultCode': 10, 'faultString': 'BAD_NAME: y'}, "
            + "{'faultCode': 2, 'faultString': 'INCORRECT_PARAMETERS: No methodName'}, "
            + "{'faultCode': 2, 'faultString': 'INCORRECT_PARAMETERS: Recursive system.multicall forbidden'}, "
            + "'slept 100', "
            + "{'faultCode': 30, 'faultString': \"FAILED: <class 'java.lang.IllegalStateException'>:"
            + "secret internal detail\"}, "
            + "[[1, 2], []]]");
        assertThat(r.get("after")).isEqualTo("42");
      }
    }
  }

  @Test
  void pythonClientsAuthenticate() throws Exception {
    String sha = BasicAuth.sha1Hex("s3cret");
    for (String stored : new String[] {"s3cret", "{SHA}" + sha}) {
      Path sub = Files.createDirectories(dir.resolve(stored.startsWith("{SHA}") ? "sha" : "plain"));
      try (ServerFixture fx = new ServerFixture(sub, Optional.of("admin"), Optional.of(stored), LogTailSource.none())) {
        for (String url : fx.urls()) {
          assertThat(run(url, "admin", "s3cret").get("echo")).as(url).isEqualTo("'hé<>&'");
          assertThat(run(url, "admin", "wrong").get("echo")).as(url).isEqualTo("('protocol', 401)");
          assertThat(run(url, "", "").get("echo")).as(url).isEqualTo("('protocol', 401)");
        }
      }
    }
  }
}
