import GlanceAPI
@testable import GlanceCore
import Testing

/// Marks, batch planning, and what a finished batch offers: undo and retry.
@Suite struct BatchModelTests {
    static func image(_ id: String, protected: Bool = false, owner: String = "p1", tags: [String] = []) -> Image {
        Image(id: id, name: "name-\(id)", status: .active,
              fields: ["owner": .string(owner), "protected": .bool(protected), "tags": .array(tags.map(JSONValue.string)),
                       "visibility": .string("private")])
    }

    @Test func marksAreByIdAndSurviveFilteringWhileInvertActsOnTheShownRows() {
        let a = Self.image("a"), b = Self.image("b"), c = Self.image("c"), d = Self.image("d")
        var marks = Marks()
        marks.toggle(a)
        marks.mark([b, c])
        marks.toggle(b)
        #expect(marks.ids == ["a", "c"])
        // "c" is filtered away; invert on the shown rows a, d.
        marks.invert(within: [a, d])
        #expect(marks.ids == ["c", "d"])
        // A newer copy of a marked image replaces the one seen; the shown ones come first.
        marks.refresh([Self.image("d", tags: ["new"])])
        #expect(marks.images(inOrderOf: [d, a]).map(\.tags) == [["new"], []])
        #expect(marks.images(inOrderOf: [d, a]).map(\.id) == ["d", "c"])
        #expect(marks.drop(gone: ["d", "x"]) == 1)
        #expect(marks.ids == ["c"])
    }

    @Test func aPlanLeavesOutWhatCannotTakeTheWriteAndSaysWhy() throws {
        let session = Fixture.session(.v2)
        let targets = [Self.image("1"), Self.image("2", protected: true), Self.image("3"), Self.image("4", owner: "p9"),
                       Self.image("5"), Self.image("6")]
        let plan = try BatchPlan.make(.delete, targets: targets, session: session).get()
        #expect(plan.items.map(\.imageID) == ["1", "3", "5", "6"])
        #expect(plan.skipped.map(\.reason) == ["protected (unprotect it first)", "another project's image (owner p9)"])
        #expect(plan.confirm == .typedCount(4))
        #expect(plan.question == "delete on 4 images (name-1, name-3, name-5 and 1 more); 2 left out: "
                + "name-2 (protected (unprotect it first)), name-4 (another project's image (owner p9)) — cannot be undone: "
                + "type 4 and Enter to delete, Esc cancels")
        #expect(try BatchPlan.make(.hidden(true), targets: targets, session: session).get().confirm == .key("y"))
    }

    @Test func aPlanIsRefusedInWordsWhenNothingCanBeDone() {
        var readOnly = Fixture.session(.v2)
        readOnly.readOnly = true
        #expect(BatchPlan.make(.hidden(true), targets: [Self.image("1")], session: readOnly)
                == .failure(CommandError("read-only: editing properties refused (this session does not write)")))
        #expect(BatchPlan.make(.tags(add: ["x"], remove: []), targets: [Self.image("1")], session: Fixture.session(.compute))
                == .failure(CommandError("tags not available through Compute's image proxy")))
        #expect(BatchPlan.make(.hidden(true), targets: [Self.image("1")], session: Fixture.session(.compute))
                == .failure(CommandError("hiding images: os_hidden is not exposed by Compute's image proxy")))
        #expect(BatchPlan.make(.visibility("shared"), targets: [Self.image("1")], session: Fixture.session(.v1))
                == .failure(CommandError("Image API v1 can make images only private or public, not shared")))
        #expect(BatchPlan.make(.delete, targets: [], session: Fixture.session(.v2))
                == .failure(CommandError("Nothing marked or selected: Space marks images")))
        #expect(BatchPlan.make(.delete, targets: [Self.image("1", protected: true)], session: Fixture.session(.v2))
                == .failure(CommandError("Nothing to delete: name-1 (protected (unprotect it first))")))
    }

    @Test func undoInvertsWhatWasDoneGuardedByWhatOurWriteLeft() throws {
        let write = ImageWrite.tags(add: ["release"], remove: [])
        var batch = Batch(id: BatchID(1), title: write.summary,
                          items: [BatchItem(write, on: Self.image("1")), BatchItem(write, on: Self.image("2"))])
        batch.rows[0].outcome = .done(before: Self.image("1"))
        batch.rows[1].outcome = .conflict(["tag release was added meanwhile"])
        let undo = try #require(batch.undo(id: BatchID(2)))
        #expect(undo.title == "undo tag +release" && undo.undoing == BatchID(1))
        #expect(undo.items.map(\.write) == [.tags(add: [], remove: ["release"])])
        // Its guard expects the tag our write added.
        #expect(undo.items[0].guarded == WriteGuard(checks: [.tag("release", present: true)]))

        let retry = try #require(batch.retry(id: BatchID(3), current: ["2": Self.image("2", tags: ["release", "x"])]))
        #expect(retry.items.map(\.imageID) == ["2"])
        #expect(retry.items[0].guarded == WriteGuard(checks: [.tag("release", present: true)]))
    }

    @Test func aDeleteHasNoUndo() {
        var batch = Batch(id: BatchID(1), title: "delete", items: [BatchItem(.delete, on: Self.image("1"))])
        batch.rows[0].outcome = .done(before: Self.image("1"))
        #expect(batch.undo(id: BatchID(2)) == nil)
    }
}
