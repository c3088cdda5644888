import Foundation
import GlanceAPI
import TerminalKit

/// Identifies one request, so that an answer to a request since superseded (a refresh started
/// while pages were still arriving) is recognised and dropped.
public struct RequestID: Hashable, Sendable, CustomStringConvertible {
    public let value: Int
    public init(_ value: Int) { self.value = value }
    public var description: String { "#\(value)" }
}

/// Everything that happens to the program, named after the event.
public enum Msg: Equatable, Sendable {
    case started
    case keyPressed(Key)
    /// A click or a wheel notch, reported only when the mouse was turned on (--mouse).
    case mousePressed(MouseEvent)
    case terminalResized(TerminalSize)
    case signedIn(SessionInfo)
    case signInFailed(APIError)
    /// The sign-in of a `:cloud`, `:region` or `:project` switch succeeded; the runner holds the
    /// new cloud until `.adoptCloud` says to use it.
    case cloudSignedIn(RequestID, SessionInfo)
    /// It failed; the current cloud stays.
    case cloudSignInFailed(RequestID, APIError)
    /// The regions of the image service and the user's projects, for completion.
    case scopesLoaded(regions: [String], projects: [String])
    case imagesPageLoaded(RequestID, ImagePage)
    case imagesPageFailed(RequestID, APIError)
    case imageLoaded(RequestID, Image)
    case imageLoadFailed(RequestID, APIError)
    /// Property rules for the editor: the image schema, metadata definitions and profiles.
    case rulesLoaded([PropertyRule])
    case imagePatched(RequestID, Image)
    case imageCreated(RequestID, Image)
    case imagePatchFailed(RequestID, APIError)
    /// A write other than the editor's PATCH finished (delete, tag, deactivate…), or failed.
    case sharedCountsLoaded(RequestID, [String: Int])
    case membersLoaded(RequestID, [MemberEntry])
    case membersLoadFailed(RequestID, APIError)
    case imageActionDone(RequestID, ImageAction)
    case imageActionFailed(RequestID, ImageAction, APIError)
    case spinnerTicked
    case transferProgressed(TransferID, TransferProgress)
    case transferFinished(TransferID, TransferOutcome)
    /// A download did not start: the file exists, or the image has no data.
    case transferRefused(TransferID, DownloadRefusal)
    /// An upload created its image (before any data moved).
    case uploadImageCreated(TransferID, Image)
    /// The transfer journal, read at start: the transfers an earlier run left unfinished (its
    /// program killed, or ended by a signal), and each journal file set aside, in words.
    case journalRead([JournalEntry], problems: [String])
    case uploadFileInspected(path: String, size: Int64, FormatGuess)
    case uploadFileUnreadable(path: String, reason: String)
    case importOptionsLoaded(ImportOptions)
    /// One image of a batch ended; `requests` are what went out for it, `at` when it ended.
    case batchItemFinished(BatchID, imageID: String, BatchOutcome, requests: [String], at: Date)
    case batchFinished(BatchID)
    /// Compute's answer to which of the images servers boot from (`:retire`).
    /// The images of a `:retire` read again and Compute's answer on which servers boot them.
    case retirementChecked(RequestID, Result<RetireState.Facts, APIError>, at: Date)
    case lintFinished(RequestID, Result<LintReport, APIError>)
    /// Compute's answer for a held-back delete or deactivation; `ids` are the images asked about.
    case serversCounted(RequestID, UsageCheck, ids: [String])
    /// The USED column's counts.
    case useCounted(RequestID, UsageCheck)
    case usedByLoaded(RequestID, Result<ServerUsage, APIError>)
    case storesLoaded(RequestID, Result<StoreListing, APIError>)
    case usageLoaded(Result<ImageUsage, APIError>)
    case tasksLoaded(RequestID, Result<[GlanceTask], APIError>, at: Date)
    case taskLoaded(RequestID, Result<GlanceTask, APIError>)
    case imageTasksLoaded(RequestID, Result<[GlanceTask], APIError>)
    case exported(path: String, rows: Int, ExportError?)
    case cacheLoaded(RequestID, Result<ImageCacheState, APIError>, at: Date)
    /// The cache or its queue emptied (nil), or why not.
    case cacheCleared(RequestID, CacheClearTarget, APIError?)
    /// A single write (not a batch) was made or refused, as the command log keeps it.
    case writeRecorded(WriteRecord)
    /// A single write was made; `before` is the image as read just before, which undo restores.
    case singleWriteDone(ImageWrite, imageID: String, name: String, before: Image)
    /// The audit log could not be written (said once; the writes go on).
    case auditLogFailed(String)
    /// The transfer journal could not be written (said once; the transfers go on, but one cut
    /// short cannot be resumed).
    case journalWriteFailed(String)
    /// SIGINT, SIGTERM or SIGHUP arrived.
    case quitSignalReceived
}

/// Writes to one image that are not property edits.
public enum ImageAction: Equatable, Sendable {
    case delete(imageID: String, name: String)
    /// Lift protection, then delete: what the user chose when a protected image was to go.
    case unprotectAndDelete(imageID: String, name: String)
    case setTag(imageID: String, tag: String, present: Bool)
    case setActive(imageID: String, name: String, active: Bool)
    /// The consumer's answer to an image shared with its project: accepted, rejected or pending.
    case setMemberStatus(imageID: String, name: String, member: String, status: String)
    /// The owner adds a project (by name or id; made shared first when `makeShared`), or removes one.
    case addMember(imageID: String, name: String, project: String, makeShared: Bool)
    case removeMember(imageID: String, name: String, member: String)
    case setVisibility(imageID: String, name: String, visibility: String)

    /// The same write as the batches and the command log describe it.
    public var write: ImageWrite {
        switch self {
        case .delete, .unprotectAndDelete: .delete
        case .setTag(_, let tag, let present): .tags(add: present ? [tag] : [], remove: present ? [] : [tag])
        case .setActive(_, _, let active): .active(active)
        case .setMemberStatus(_, _, _, let status): .answer(MemberStatus(raw: status))
        case .addMember(_, _, let project, _): .share(project: project)
        case .removeMember(_, _, let member): .unshare(project: member)
        case .setVisibility(_, _, let visibility): .visibility(visibility)
        }
    }

    public var imageName: String {
        switch self {
        case .delete(_, let name), .unprotectAndDelete(_, let name), .setActive(_, let name, _), .setMemberStatus(_, let name, _, _),
             .addMember(_, let name, _, _), .removeMember(_, let name, _), .setVisibility(_, let name, _): name
        case .setTag: ""
        }
    }

    public var imageID: String {
        switch self {
        case .delete(let id, _), .unprotectAndDelete(let id, _), .setTag(let id, _, _), .setActive(let id, _, _),
             .setMemberStatus(let id, _, _, _), .addMember(let id, _, _, _), .removeMember(let id, _, _),
             .setVisibility(let id, _, _): id
        }
    }
}

/// Work for the effect runner, described as data so that tests compare it with `==`.
public enum Effect: Equatable, Sendable {
    case signIn
    /// Sign in to `target` beside the current cloud, which keeps serving until `.adoptCloud`.
    case signInElsewhere(RequestID, CloudTarget)
    /// From now on start every effect on the cloud that switch signed in to; answers to work
    /// started on the old one (other than transfers and the command log) are dropped.
    case adoptCloud(RequestID)
    /// Read the image service's regions and the user's projects; answered by `.scopesLoaded`.
    case loadScopes
    /// Put the cloud first in the most-recently-used list under the state directory.
    case rememberCloud(String)
    case loadImages(RequestID, PageRequest)
    case loadImage(RequestID, imageID: String)
    case loadRules
    case patchImage(RequestID, imageID: String, [PatchOperation])
    /// A write to one image; `seen` is the copy the user saw, whose values of what the write
    /// touches are checked against the image read again just before it is written.
    case performAction(RequestID, ImageAction, seen: Image?)
    case createImage(RequestID, [String: JSONValue])
    case loadMembers(RequestID, imageID: String)
    /// How many images other projects share with mine, by my member status.
    case countSharedImages(RequestID, projectID: String)
    case startTransfer(TransferID, TransferRequest)
    case cancelTransfer(TransferID)
    /// Read the transfer journal; answered by `.journalRead`.
    case readJournal
    /// Take over the journal's entry `journalID` (interrupted) and run it again as `TransferID`:
    /// a download from its `.part`, an upload into the image it created.
    case resumeTransfer(TransferID, journalID: String, TransferRequest)
    /// Drop an interrupted transfer from the journal; its `.part` or queued image is left as is.
    case dismissJournalEntry(String)
    /// Read a local file's size and first bytes (for the disk format) before an upload.
    case inspectUploadFile(path: String)
    case loadImportOptions
    /// The answer to this request is no longer wanted; stop it if it is still running.
    case cancel(RequestID)
    /// Write to each image of a batch, `concurrency` at a time, each checked against its guard.
    case runBatch(BatchID, [BatchItem], concurrency: Int, writer: ImageWrite.Writer)
    /// Stop a batch between images: those not started are reported cancelled.
    case cancelBatch(BatchID)
    /// Read the images of `query` in full, keep those of `ids`, and ask Compute which servers
    /// boot them; answered by `.retirementChecked`.
    case checkRetirement(RequestID, query: ImageQuery, ids: [String])
    /// Read the images of `query` in full, keep those of `ids`, and lint them.
    case lintImages(RequestID, query: ImageQuery, ids: [String], LintSettings)
    /// Which of these images servers boot from; answered by `.serversCounted`.
    case countServers(RequestID, [Image])
    /// The USED column: servers per image; answered by `.useCounted`.
    case countUse(RequestID, [Image])
    /// The servers booted from one image; answered by `.usedByLoaded`.
    case loadUsedBy(RequestID, imageID: String)
    /// The cloud's stores (with their details where the policy shows them).
    case loadStores(RequestID)
    /// The project's quota usage; answered by `.usageLoaded` (a courtesy: never superseded).
    case loadUsage
    /// Every task matching `query` (all pages), or one image's tasks.
    case loadTasks(RequestID, imageID: String?, TaskQuery)
    case loadTask(RequestID, taskID: String)
    /// One image's tasks, for the detail pane; answered by `.imageTasksLoaded`.
    case loadImageTasks(RequestID, imageID: String)
    /// Put text on the terminal's clipboard (OSC 52); the UI loop writes it.
    case copyToClipboard(String)
    /// Write `:export`'s text; an existing file only when `overwrite`.
    case writeExport(path: String, text: String, rows: Int, overwrite: Bool)
    case loadCache(RequestID)
    case clearCache(RequestID, CacheClearTarget)
    /// Append a write to the audit log under the state directory.
    case appendAudit(WriteRecord)
    /// Post `.spinnerTicked` after a short delay (only while requests run, so idle costs nothing).
    case scheduleSpinnerTick
    /// Repaint every cell: the terminal's contents may have been disturbed by another program.
    case redrawScreen
    case quit
}
