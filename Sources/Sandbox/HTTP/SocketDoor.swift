import NIOCore
import NIOHTTP1
import NIOWebSocket

/// Where a WebSocket upgrade may lead: the channel a request's URI names, or nil to refuse it (the request is then
/// answered as any other, by the routes). A socket let in joins its channel.
protocol SocketDoor: Sendable {
  func channel(uri: String) -> String?
  func joined(_ name: String, _ socket: Channel)
}

extension SocketDoor {
  /// The upgrader for the HTTP pipeline: in when `channel(uri:)` names one, its frames handled by `SocketFrames`.
  func upgrader() -> NIOWebSocketServerUpgrader {
    NIOWebSocketServerUpgrader(
      maxFrameSize: 1 << 16, automaticErrorHandling: true,
      shouldUpgrade: { socket, head in
        socket.eventLoop.makeSucceededFuture(channel(uri: head.uri) == nil ? nil : NIOHTTP1.HTTPHeaders())
      },
      upgradePipelineHandler: { socket, head in
        guard let name = channel(uri: head.uri) else { return socket.close() }
        return socket.pipeline.addHandler(SocketFrames()).map { joined(name, socket) }
      })
  }
}

/// A server socket's frames from the client: a ping is answered, a close closed; text from the client means nothing
/// here (the channels only speak).
final class SocketFrames: ChannelInboundHandler, Sendable {
  typealias InboundIn = WebSocketFrame
  typealias OutboundOut = WebSocketFrame

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let frame = unwrapInboundIn(data)
    switch frame.opcode {
    case .ping:
      let pong = WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)
      context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
    case .connectionClose:
      let close = WebSocketFrame(fin: true, opcode: .connectionClose, data: ByteBuffer())
      context.writeAndFlush(wrapOutboundOut(close)).whenComplete { _ in context.close(promise: nil) }
    default:
      break
    }
  }
}
