package dev.attest.live;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.TrustManagerFactory;

/**
 * The emulator's TLS: a self-signed EC certificate for 127.0.0.1 made once per JVM with the JDK's
 * own keytool (no extra dependency), and an SDK HTTP client that trusts exactly that certificate.
 */
public final class EmulatorTls {
  static final char[] PASSWORD = "changeit".toCharArray();

  private EmulatorTls() {}

  /** Holder idiom: generated on first use, immutable afterwards. */
  private static final class Holder {
    static final KeyStore KEY_STORE = generate();
  }

  static KeyStore keyStore() {
    return Holder.KEY_STORE;
  }

  private static KeyStore generate() {
    try {
      Path dir = Files.createTempDirectory("attest-emulator");
      Path file = dir.resolve("emulator.p12");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "emulator", "-keyalg", "EC",
          "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
          "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
          "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, PASSWORD);
      }
      Files.delete(file);
      Files.delete(dir);
      return store;
    } catch (Exception e) {
      throw new IllegalStateException("cannot make the emulator's certificate: " + e.getMessage(), e);
    }
  }

  /** The emulator's server side: its key and certificate, OpenSSL when Netty finds it. */
  static SslContext serverSsl() throws Exception {
    java.security.PrivateKey key = (java.security.PrivateKey) keyStore().getKey("emulator", PASSWORD);
    java.security.cert.X509Certificate cert = (java.security.cert.X509Certificate) keyStore().getCertificate("emulator");
    return SslContextBuilder.forServer(key, cert).build();
  }

  static TrustManagerFactory trust() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("emulator", keyStore().getCertificate("emulator"));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    return factory;
  }

  /** Writes a trust store holding only the emulator's certificate (for -Djavax.net.ssl.trustStore). */
  public static Path writeTrustStore(Path file) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("emulator", keyStore().getCertificate("emulator"));
    try (OutputStream out = Files.newOutputStream(file)) {
      trust.store(out, PASSWORD);
    }
    return file;
  }

  /** The SDK's Netty client trusting only the emulator (hostname checks stay on). */
  public static HttpClient httpClient(Duration timeout) {
    return httpClient(timeout, LiveConnector.connections(LiveSettings.Tuning.defaults()));
  }

  /** As above, with a connection pool of {@code connections} (one per call in flight). */
  public static HttpClient httpClient(Duration timeout, int connections) {
    try {
      SslContext ssl = SslContextBuilder.forClient().trustManager(trust()).build();
      reactor.netty.resources.ConnectionProvider pool = reactor.netty.resources.ConnectionProvider
          .builder("attest-emulator").maxConnections(connections).pendingAcquireMaxCount(-1).build();
      reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create(pool)
          .secure(spec -> spec.sslContext(ssl));
      return new NettyAsyncHttpClientBuilder(netty).responseTimeout(timeout).readTimeout(timeout).build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
