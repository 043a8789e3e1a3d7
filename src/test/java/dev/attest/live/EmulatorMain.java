package dev.attest.live;

import java.nio.file.Path;

/**
 * Runs the emulator serving the demo tenant until killed, for trying live scans by hand
 * (docs/live-scanning.md). The argument is where to write the trust store for its certificate.
 */
public final class EmulatorMain {
  private EmulatorMain() {}

  public static void main(String[] args) throws Exception {
    Path trustStore = EmulatorTls.writeTrustStore(Path.of(args.length > 0 ? args[0] : "emulator-trust.p12"));
    ArmEmulator emulator = ArmEmulator.start(EmulatedTenant.demo());
    System.out.println("emulator: " + emulator.baseUrl() + " (management group " + EmulatedTenant.MANAGEMENT_GROUP + ")");
    System.out.println("trust store: " + trustStore.toAbsolutePath() + " (password changeit)");
    Thread.currentThread().join();
  }
}
