import ArgumentParser

/// `clinbox`: the inbox; the subcommands do the rest.
struct Clinbox: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clinbox",
    abstract: "A keyboard-driven terminal inbox for clinicians, on a FHIR R4 server (Canvas first).",
    discussion: """
      With no subcommand, clinbox syncs (when --server is given) and opens the inbox from the local cache.
      Try `clinbox demo` for a seeded sandbox server and a ready inbox.
      """,
    version: "clinbox \(ShippedFiles.version)",
    subcommands: [InboxCommand.self, DemoCommand.self, SandboxCommand.self, SyncCommand.self, ListCommand.self,
                  AuditCommand.self, WipeCommand.self, SendCommand.self, CheckInCommand.self, RecordCommand.self,
                  PassphraseCommand.self, RedFlagsCommand.self, RepairCommand.self, DoctorCommand.self,
                  PractitionersCommand.self, ThemesCommand.self, TemplatesCommand.self, WebhookCommand.self,
                  InitCommand.self],
    defaultSubcommand: InboxCommand.self
  )
}
