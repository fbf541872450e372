package io.supervisor4j.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.process.Fault;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine's fault table and the wire's are one table: same names, same codes, same order. */
@Timeout(10)
class FaultTablesTest {
  @Test
  void engineAndWireFaultsAreTheSameTable() {
    assertThat(Arrays.stream(Fault.values()).map(f -> f.name() + "=" + f.code()))
        .containsExactlyElementsOf(Arrays.stream(RpcFaults.values()).map(f -> f.name() + "=" + f.code()).toList());
    for (Fault f : Fault.values()) {
      assertThat(RpcFaults.of(f).code()).isEqualTo(f.code());
    }
  }
}
