/// The pages of a search: the first page (given, or asked for when iteration starts), then each page its `next`
/// link points to, until a page has none. The one paging loop; `for try await page in …`. While the caller works
/// on a page (decodes and stores it), the next one is already being fetched — one page ahead, in order, and
/// cancelled with the caller.
public struct SearchPages: AsyncSequence, Sendable {
  public typealias Element = SearchBundle

  enum Start: Sendable {
    case search(type: String, parameters: [(String, String)])
    case page(SearchBundle)
  }

  let client: FHIRClient
  let start: Start

  public struct AsyncIterator: AsyncIteratorProtocol {
    let client: FHIRClient
    var start: Start?
    var next: String?
    /// The page after the one last given, on its way.
    var ahead: Task<SearchBundle, Error>?

    public mutating func next() async throws -> SearchBundle? {
      let bundle: SearchBundle
      if let first = start {
        start = nil
        switch first {
        case .search(let type, let parameters): bundle = try await client.search(type, parameters)
        case .page(let page): bundle = page
        }
      } else if let fetching = ahead {
        ahead = nil
        bundle = try await withTaskCancellationHandler { try await fetching.value } onCancel: { fetching.cancel() }
      } else if let link = next {
        bundle = try await client.page(link)
      } else {
        return nil
      }
      next = bundle.next
      if let link = next {
        let client = self.client
        ahead = Task { try await client.page(link) }
        next = nil
      }
      return bundle
    }
  }

  public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(client: client, start: start, next: nil) }
}

extension FHIRClient {
  /// Every page of a search.
  public func pages(_ type: String, _ parameters: [(String, String)]) -> SearchPages {
    SearchPages(client: self, start: .search(type: type, parameters: parameters))
  }

  /// A page already read, then the pages after it.
  public func pages(from first: SearchBundle) -> SearchPages {
    SearchPages(client: self, start: .page(first))
  }
}
