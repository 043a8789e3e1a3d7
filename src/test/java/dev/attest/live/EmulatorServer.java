package dev.attest.live;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The emulator's transport: HTTPS on 127.0.0.1 with Netty (OpenSSL when available) on two event
 * loop threads. A reply's latency is a timer on the loop, not a sleeping thread, so emulating
 * tens of thousands of slow calls costs the benchmark's machine little besides the calls
 * themselves: the figures are the client's, not the emulator's.
 */
final class EmulatorServer implements AutoCloseable {
  /** Answers one request; runs on an event loop, so it must not block. */
  interface Handler {
    Reply handle(String method, String rawPath, String rawQuery, String body);
  }

  /** A reply, sent {@code delayMillis} after the request arrived; {@code sent} runs as it is handed to the connection. */
  record Reply(int status, Map<String, String> headers, String body, long delayMillis, Runnable sent) {}

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final Channel channel;

  EmulatorServer(SslContext ssl, Handler handler) throws InterruptedException {
    ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(ssl.newHandler(ch.alloc()), new HttpServerCodec(), new HttpObjectAggregator(16 << 20),
                new SimpleChannelInboundHandler<FullHttpRequest>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                    String uri = request.uri();
                    int q = uri.indexOf('?');
                    Reply reply = handler.handle(request.method().name(), q < 0 ? uri : uri.substring(0, q),
                        q < 0 ? null : uri.substring(q + 1), request.content().toString(StandardCharsets.UTF_8));
                    boolean keepAlive = HttpUtil.isKeepAlive(request);
                    if (reply.delayMillis() > 0) {
                      ctx.executor().schedule(() -> send(ctx, reply, keepAlive), reply.delayMillis(), TimeUnit.MILLISECONDS);
                    } else {
                      send(ctx, reply, keepAlive);
                    }
                  }

                  @Override
                  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    ctx.close();
                  }
                });
          }
        });
    channel = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
  }

  int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  private static void send(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    reply.headers().forEach((k, v) -> response.headers().set(k, v));
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    // Answered from here on: the client may see the reply (and send its next call) before the write completes.
    reply.sent().run();
    ctx.writeAndFlush(response).addListener(f -> {
      if (!keepAlive || !f.isSuccess()) {
        ctx.close();
      }
    });
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
