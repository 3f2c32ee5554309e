import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// HTTP/1.1 on swift-nio for the sandbox: each request read whole, handed to the routes off the event loop, the
/// answer written back on it (kept alive unless the client said close). Nagle's delay is off, as a production
/// server has it.
/// `@unchecked Sendable`: `connections` is under `lock`; `channel` is set by `start` and cleared by `stop`,
/// which the server's owner calls in turn.
final class SandboxHTTPServer: @unchecked Sendable {
  typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse
  private var channel: Channel?
  /// The open connections: a stopped server closes them too, as a server that goes away does.
  private let lock = NSLock()
  private var connections: [ObjectIdentifier: Channel] = [:]

  /// Listens on `host:port` (0: any free port) and answers with `handler`, upgrading to a WebSocket where `door`
  /// lets the request in; the port it listens on.
  func start(host: String, port: Int, door: (any SocketDoor)? = nil, handler: @escaping Handler) async throws -> Int {
    let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(ChannelOptions.backlog, value: 256)
      .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
      .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
      .childChannelInitializer { [self] channel in
        let key = ObjectIdentifier(channel)
        lock.withLock { connections[key] = channel }
        channel.closeFuture.whenComplete { [self] _ in _ = lock.withLock { connections.removeValue(forKey: key) } }
        let requests = RequestHandler(handler: handler)
        let upgrade: NIOHTTPServerUpgradeConfiguration? = door.map { door in
          ([door.upgrader()], { context in context.pipeline.removeHandler(requests, promise: nil) })
        }
        return channel.pipeline.configureHTTPServerPipeline(withServerUpgrade: upgrade, withErrorHandling: true)
          .flatMap { channel.pipeline.addHandler(requests) }
      }
    let channel = try await bootstrap.bind(host: host, port: port).get()
    self.channel = channel
    return channel.localAddress?.port ?? port
  }

  /// Until the server is closed.
  func wait() async throws { try await channel?.closeFuture.get() }

  func stop() async {
    try? await channel?.close().get()
    for connection in lock.withLock({ Array(connections.values) }) { try? await connection.close().get() }
  }
}

/// Collects a request's head and body, then answers it.
/// `@unchecked Sendable`: a handler lives on its channel's event loop; only NIO calls it, there.
private final class RequestHandler: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart
  let handler: SandboxHTTPServer.Handler
  private var head: HTTPRequestHead?
  private var body = ByteBuffer()

  init(handler: @escaping SandboxHTTPServer.Handler) { self.handler = handler }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let h):
      head = h
      body.clear()
    case .body(var chunk):
      body.writeBuffer(&chunk)
    case .end:
      guard let head else { return }
      self.head = nil
      var fields = HTTPHeaders()
      for (name, value) in head.headers { fields[HTTPHeader(name)] = value }
      let request = HTTPRequest(method: head.method.rawValue, uri: head.uri, headers: fields,
                                body: Data(body.readableBytesView))
      let keepAlive = head.isKeepAlive, version = head.version
      let loop = context.eventLoop
      let bound = NIOLoopBound(context, eventLoop: loop)
      let handler = self.handler
      Task {
        let response = await handler(request)
        loop.execute { Self.write(response, keepAlive: keepAlive, version: version, bound.value) }
      }
    }
  }

  private static func write(_ response: HTTPResponse, keepAlive: Bool, version: HTTPVersion,
                            _ context: ChannelHandlerContext) {
    var headers = NIOHTTP1.HTTPHeaders()
    for (name, value) in response.headers { headers.add(name: name.name, value: value) }
    headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
    headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
    let status = HTTPResponseStatus(statusCode: response.statusCode.code, reasonPhrase: response.statusCode.phrase)
    let head = HTTPResponseHead(version: version, status: status, headers: headers)
    context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
    if !response.body.isEmpty {
      context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
    }
    let done = context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))
    if !keepAlive { done.whenComplete { _ in context.close(promise: nil) } }
  }
}
