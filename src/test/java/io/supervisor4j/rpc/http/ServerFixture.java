package io.supervisor4j.rpc.http;

import io.supervisor4j.config.InetHttpServerConfig;
import io.supervisor4j.config.UidGid;
import io.supervisor4j.config.UnixHttpServerConfig;
import io.supervisor4j.rpc.RpcDispatcher;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builds unix + TCP servers on a temp dir and 127.0.0.1:0. */
final class ServerFixture implements AutoCloseable {
  final RecordingLog log = new RecordingLog();
  final TestMethods methods = new TestMethods();
  final Path socket;
  final RpcHttpServer server;

  ServerFixture(Path dir, Optional<String> user, Optional<String> password, LogTailSource tails) {
    this.socket = dir.resolve("s.sock");
    RpcDispatcher dispatcher = methods.dispatcher();
    server = RpcHttpServer.builder(dispatcher, log)
        .unix(List.of(new UnixHttpServerConfig("unix_http_server", socket, 0700, UidGid.UNCHANGED, user, password)))
        .inet(List.of(new InetHttpServerConfig("inet_http_server", "127.0.0.1", 0, user, password)))
        .logTail(tails)
        .build();
    server.start();
  }

  ServerFixture(Path dir) {
    this(dir, Optional.empty(), Optional.empty(), LogTailSource.none());
  }

  String unixUrl() {
    return "unix://" + socket;
  }

  String httpUrl() {
    return "http://127.0.0.1:" + server.localPort("inet_http_server");
  }

  List<String> urls() {
    return List.of(unixUrl(), httpUrl());
  }

  @Override
  public void close() {
    server.stop();
  }
}
