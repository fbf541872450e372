package io.supervisor4j.ctl;

/**
 * {@link SupervisorctlStreamingDifferentialTest} with supervisor4j's daemon as the server: real supervisorctl and
 * ours against it.
 */
class SupervisorctlStreamingS4jDifferentialTest extends SupervisorctlStreamingDifferentialTest {
  @Override
  ServerLauncher launcher() {
    return new Supervisor4jDaemon();
  }
}
