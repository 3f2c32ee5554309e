import Foundation

/// The profile the end-to-end tests configure clinbox with: `clinic`, the sandbox's clinician, the secret in
/// `CANVAS_SECRET`, the cache in `dir`, and `extra` lines after.
func clinicProfile(_ sandbox: SandboxProcess, cacheIn dir: URL, _ extra: String = "") -> String {
  """
  default = "clinic"

  [profiles.clinic]
  server = "\(sandbox.url)"
  as = "Practitioner/\(sandbox.practitioner)"
  client_id = "demo"
  client_secret_env = "CANVAS_SECRET"
  cache = "\(dir.appendingPathComponent("cache.sqlite").path)"

  """ + extra
}
