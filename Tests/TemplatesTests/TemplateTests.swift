import Foundation
import Testing
@testable import Templates

@Suite struct TemplateTests {
  let context = TemplateContext(patientFirstName: "Samantha", patientPreferredName: "Sammy", patientLastName: "Jones",
                                patientAge: 46, clinicianName: "Dr Priya Raman", clinicianTitle: "MD",
                                practiceName: "Canvas Clinic", practicePhone: "555-0100",
                                today: Date(timeIntervalSince1970: 1_795_000_000), timeZone: TimeZone(identifier: "UTC")!)

  @Test func headerAndBody() {
    let t = Template(id: "refill", text: "name: Refill approved\ndescription: Sent to the pharmacy\ntags: refill, medication\n---\nHello {{patient.preferred_name}}")
    #expect(t.name == "Refill approved" && t.tags == ["refill", "medication"] && t.body == "Hello {{patient.preferred_name}}")
    #expect(Template(id: "plain", text: "Just text").name == "plain")
  }

  @Test func everyPlaceholderFills() {
    let body = "{{patient.first_name}} {{patient.preferred_name}} {{patient.last_name}} {{patient.age}} {{clinician.name}} {{clinician.title}} {{practice.name}} {{practice.phone}} {{today}} {{today.short}} {{today.weekday}} {{{today.us}}}"
    let r = TemplateRenderer.render(body, values: context.values)
    #expect(r.canSend, "\(r.problems)")
    #expect(r.text == "Samantha Sammy Jones 46 Dr Priya Raman MD Canvas Clinic 555-0100 18 November 2026 2026-11-18 Wednesday 11/18/2026")
  }

  @Test func preferredNameFallsBackToFirstName() {
    var c = context
    c.patientPreferredName = nil
    #expect(TemplateRenderer.render("{{patient.preferred_name}}", values: c.values).text == "Samantha")
  }

  @Test func unknownOrEmptyPlaceholdersBlockSending() {
    var c = context
    c.practicePhone = "  "
    let r = TemplateRenderer.render("Call {{practice.phone}} about {{appointment.when}} {{ practice.phone }}", values: c.values)
    #expect(!r.canSend)
    #expect(r.problems == ["practice.phone", "appointment.when"])
    #expect(r.preview == "Call ⟦practice.phone?⟧ about ⟦appointment.when?⟧ ⟦practice.phone?⟧")
    c.extra["appointment.when"] = "Thursday at 9:30"
    c.practicePhone = "555-0100"
    #expect(TemplateRenderer.render("{{appointment.when}}", values: c.values).text == "Thursday at 9:30")
    #expect(!TemplateRenderer.render("oops {{practice.name", values: c.values).canSend, "an unclosed tag is a problem")
  }

  @Test func theShippedDefaultsAreCompleteWithAFullContext() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/clinbox/templates")
    let library = TemplateLibrary(folders: [folder])
    #expect(Set(library.templates.map(\.id)) == ["appointment-reminder", "results-ready", "refill-approved", "check-in-request", "after-visit-follow-up"])
    var c = context
    c.extra["appointment.when"] = "Thursday 3 December at 9:30"
    c.extra["checkin.name"] = "Mood check-in"   // given when a check-in is asked for (A)
    for t in library.templates {
      let r = TemplateRenderer.render(t.body, values: c.values)
      #expect(r.canSend, "\(t.id): \(r.problems)")
      #expect(!r.text.contains("{{"))
    }
  }
}
