import Foundation
import GlanceAPI
import TerminalKit

/// The questions a transfer asks on the bottom line before it starts: where to save, which
/// file, its name, disk format, method and store. Each has a sensible answer filled in, so
/// Enter, Enter, Enter does the usual thing; Tab cycles the answers where there are a few.
extension Update {
    static func askDownloadPath(_ state: inout AppState) -> [Effect] {
        guard let image = state.screen == .detail ? state.detail?.image : state.selectedImage else { return [] }
        guard image.status == "active" else {
            state.notice = "\(image.name ?? image.id) is \(image.status): only active images have data to download"
            return []
        }
        state.prompt.input = .transfer(.downloadPath(imageID: image.id, name: image.name ?? image.id),
                                LineEditor(DownloadName.suggested(for: image)))
        state.prompt.message = nil
        state.lastError = nil
        return []
    }

    static func askUploadFile(_ state: inout AppState) -> [Effect] {
        guard state.session != nil else { return [] }
        state.prompt.input = .transfer(.uploadFile, LineEditor())
        state.prompt.message = nil
        state.lastError = nil
        // The quota is read again while the path is typed: the check before sending uses it.
        let usage: [Effect] = state.session?.capabilities.contains(.usage) == true ? [.loadUsage] : []
        return (state.transfers.importOptions == nil ? [.loadImportOptions] : []) + usage
    }

    static func askCopyStores(_ state: inout AppState) -> [Effect] {
        guard let image = state.screen == .detail ? state.detail?.image : state.selectedImage else { return [] }
        guard image.status == "active" else {
            state.notice = "Only an active image's data can be copied to other stores (\(image.name ?? image.id) is \(image.status))"
            return []
        }
        state.prompt.input = .transfer(.copyStores(imageID: image.id, name: image.name ?? image.id), LineEditor())
        state.prompt.message = nil
        state.lastError = nil
        return state.transfers.importOptions == nil ? [.loadImportOptions] : []
    }

    static func transferPromptKey(_ state: inout AppState, _ prompt: TransferPrompt, _ editor: LineEditor, _ key: Key) -> [Effect] {
        var editor = editor
        if key == .tab {
            let choices = prompt.choices(state.transfers.importOptions)
            guard !choices.isEmpty else { return [] }
            // The part after the last comma is what Tab replaces (copy takes several stores).
            let parts = editor.text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let current = parts.last?.trimmingCharacters(in: .whitespaces) ?? ""
            let next = choices.firstIndex(of: current).map { choices[($0 + 1) % choices.count] } ?? choices[0]
            editor.replaceAll((parts.dropLast() + [next]).joined(separator: ","))
            state.prompt.input = .transfer(prompt, editor)
            state.prompt.message = nil
            return []
        }
        switch editor.handle(key) {
        case .cancel:
            state.prompt.input = .keys
            state.prompt.message = nil
            return []
        case .submit:
            return submitTransferPrompt(&state, prompt, editor.text.trimmingCharacters(in: .whitespaces))
        case .edited, .moved, .unhandled:
            state.prompt.input = .transfer(prompt, editor)
            state.prompt.message = nil
            return []
        }
    }

    static func submitTransferPrompt(_ state: inout AppState, _ prompt: TransferPrompt, _ text: String) -> [Effect] {
        let options = state.transfers.importOptions
        func reject(_ message: String) -> [Effect] {
            state.prompt.message = message
            return []
        }
        func ask(_ next: TransferPrompt, _ initial: String) -> [Effect] {
            state.prompt.input = .transfer(next, LineEditor(initial))
            state.prompt.message = nil
            state.notice = nil
            return []
        }
        switch prompt {
        case .downloadPath(let imageID, let name):
            guard !text.isEmpty else { return reject("Type where to save the data") }
            state.prompt.input = .keys
            return startTransfer(&state, .download(DownloadJob(imageID: imageID, destination: text)), title: name)
        case .uploadFile:
            guard !text.isEmpty else { return reject("Type the path of the file to upload") }
            if text.hasPrefix("http://") || text.hasPrefix("https://") {
                guard (options?.methods ?? []).contains("web-download") else {
                    return reject("This cloud does not offer web-download: give a local file")
                }
                var draft = UploadDraft(file: text, size: 0, guess: Self.guessFromURL(text), name: (text as NSString).lastPathComponent)
                draft.method = "web-download"
                state.notice = "The server will fetch \(text) itself (web-download)"
                state.prompt.input = .transfer(.uploadName(draft), LineEditor(draft.name))
                state.prompt.message = nil
                return []
            }
            state.prompt.input = .keys
            state.notice = "Reading \(text)…"
            return [.inspectUploadFile(path: text)]
        case .uploadName(var draft):
            guard !text.isEmpty else { return reject("The image needs a name") }
            draft.name = text
            return ask(.uploadFormat(draft), draft.diskFormat)
        case .uploadFormat(var draft):
            guard prompt.choices(options).contains(text) else {
                return reject("\(text.isEmpty ? "An empty format" : text) is not a disk format: Tab cycles them")
            }
            draft.diskFormat = text
            if draft.method != "web-download", TransferPrompt.uploadMethod(draft).choices(options).count > 1 {
                return ask(.uploadMethod(draft), draft.method)
            }
            return askStoreOrStart(&state, draft)
        case .uploadMethod(var draft):
            guard prompt.choices(options).contains(text) else { return reject("\(text) is not offered: Tab cycles the methods") }
            draft.method = text
            return askStoreOrStart(&state, draft)
        case .uploadStore(var draft):
            if !text.isEmpty, !prompt.choices(options).contains(text) {
                return reject("\(text) is not a store here: Tab cycles them")
            }
            draft.store = text.isEmpty ? nil : text
            return startUpload(&state, draft)
        case .copyStores(let imageID, let name):
            let stores = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !stores.isEmpty else { return reject("Name one or more stores (Tab cycles them)") }
            let known = prompt.choices(options)
            if !known.isEmpty, let unknown = stores.first(where: { !known.contains($0) }) {
                return reject("\(unknown) is not a store here; stores: " + known.joined(separator: ", "))
            }
            state.prompt.input = .keys
            return startTransfer(&state, .copy(imageID: imageID, stores: stores), title: name)
        }
    }

    private static func askStoreOrStart(_ state: inout AppState, _ draft: UploadDraft) -> [Effect] {
        let stores = TransferPrompt.uploadStore(draft).choices(state.transfers.importOptions)
        guard stores.count > 1 else { return startUpload(&state, draft) }
        let initial = state.transfers.importOptions?.defaultStore?.id ?? stores[0]
        state.prompt.input = .transfer(.uploadStore(draft), LineEditor(initial))
        state.prompt.message = nil
        state.notice = nil
        return []
    }

    private static func startUpload(_ state: inout AppState, _ draft: UploadDraft) -> [Effect] {
        state.prompt.input = .keys
        let fields: [String: JSONValue] = [
            "name": .string(draft.name),
            "disk_format": .string(draft.diskFormat),
            "container_format": .string(draft.guess.containerFormat),
        ]
        let method: UploadJob.Method = switch draft.method {
        case "glance-direct": .glanceDirect(stores: draft.store.map { [$0] })
        case "web-download": .webDownload(uri: draft.file, stores: draft.store.map { [$0] })
        default: .direct(store: draft.store)
        }
        let job = UploadJob(file: draft.method == "web-download" ? nil : draft.file, target: .newImage(fields), method: method)
        return startTransfer(&state, .upload(job), title: draft.name)
    }

    static func uploadFileInspected(_ state: inout AppState, path: String, size: Int64, guess: FormatGuess) -> [Effect] {
        let base = (path as NSString).lastPathComponent
        if let refusal = quotaRefusal(state, uploading: size) {
            state.notice = nil
            state.lastError = "Cannot upload \(base): " + refusal
            return []
        }
        let draft = UploadDraft(file: path, size: size, guess: guess, name: base)
        state.notice = "\(base): \(ByteFormat.human(size)), looks like \(guess.diskFormat) (\(guess.evidence))"
        state.prompt.input = .transfer(.uploadName(draft), LineEditor(base))
        state.prompt.message = nil
        return []
    }

    /// A URL's extension as the likely disk format (the server fetches the data, so no header
    /// can be read first); raw otherwise, which the user can change at the next prompt.
    static func guessFromURL(_ url: String) -> FormatGuess {
        let ext = (url.split(separator: "?").first.map(String.init) ?? url as String).split(separator: ".").last.map { $0.lowercased() } ?? ""
        let known = ["qcow2", "vmdk", "vhd", "vhdx", "vdi", "iso", "raw", "ploop"]
        let format = known.contains(ext) ? ext : "raw"
        return FormatGuess(diskFormat: format, evidence: known.contains(ext) ? "the URL ends in .\(ext)" : "no format in the URL; raw")
    }

    /// The words on the bottom line before what is typed.
    public static func promptLabel(_ prompt: TransferPrompt, options: ImportOptions?) -> String {
        switch prompt {
        case .downloadPath(_, let name): "save \(name) to: "
        case .uploadFile: "upload file (or an http(s) URL for the server to fetch): "
        case .uploadName: "image name: "
        case .uploadFormat(let draft): "disk format (detected \(draft.guess.diskFormat); Tab cycles): "
        case .uploadMethod: "method (direct or glance-direct; Tab cycles): "
        case .uploadStore: "store (Tab cycles" + (options?.defaultStore.map { "; default \($0.id)" } ?? "") + "): "
        case .copyStores(_, let name): "copy \(name) to stores (comma-separated; Tab cycles): "
        }
    }
}
