import Foundation
import Sync

/// `doctor`'s look at the companion plugin: its version and whether it delivers, or that clinbox works without it.
/// Nothing here fails the check: clinbox needs the plugin for nothing it did before.
extension DoctorCommand {
  func checkCompanion(_ s: Settings, _ r: Report) async {
    guard let c = s.companion else {
      r.ok("companion: not configured — clinbox works as without it: read state stays in this clinbox, news comes "
             + "with each sync (canvas-plugin/README.md installs it)")
      return
    }
    guard let key = c.key else {
      r.warn("companion: \(c.keyEnv) is not set", fix: "export \(c.keyEnv)=<the plugin's api-key>")
      return
    }
    do {
      let info = try await CompanionClient(base: c.base, key: key).info()
      r.ok("companion: \(info.plugin) \(info.version) at \(c.base.absoluteString), delivery to the patient's app "
             + (info.delivery ? "on" : "off"))
      if info.delivery && s.webhookURL != nil {
        r.warn("delivery: the companion and this profile's webhook both deliver each message clinbox sends",
               fix: "remove the profile's webhook: the plugin delivers every clinician message, clinbox's included")
      }
    } catch let trouble as CompanionTrouble {
      let fix: String
      switch trouble {
      case .notInstalled: fix = "install it (canvas-plugin/README.md), or remove companion from the profile"
      case .keyRefused: fix = "set \(c.keyEnv) to the api-key the plugin was installed with"
      case .notTheContract: fix = "update clinbox or the plugin so that both speak api 1"
      case .refused: fix = "update clinbox or the plugin so that both speak api 1"
      case .unreachable: fix = "check the companion's url in the profile (default: the server's host without fumage-)"
      }
      r.warn("companion: \(trouble) — clinbox works as without it", fix: fix)
    } catch {
      r.warn("companion: \(error) — clinbox works as without it", fix: "check the companion's url in the profile")
    }
  }
}
