import ArgumentParser
import Foundation
import GlanceAPI
import GlanceApp
import GlanceTransfer

struct UploadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Create an image and upload a file into it (or import it), verified.",
        discussion: """
        The disk format defaults to what the file's first bytes say (qcow2, vmdk, vhd, vhdx, vdi, \
        iso, raw…), since the server refuses data that does not match the declared format. With \
        --method glance-direct the file is staged and then imported; with --url the server fetches \
        the data itself (web-download) and no FILE is given. An image this command created is \
        deleted again if the upload fails or is interrupted.
        """)

    @OptionGroup var cloud: CloudOptions
    @OptionGroup var transfer: TransferOptions
    @Argument(help: "The file to upload (omit with --url).")
    var file: String?
    @Option(name: .customLong("name"), help: "The new image's name (default: the file's name).")
    var name: String?
    @Option(name: .customLong("disk-format"), help: "disk_format (default: detected from the file).")
    var diskFormat: String?
    @Option(name: .customLong("container-format"), help: "container_format (default: bare, or ova for an OVA).")
    var containerFormat: String?
    @Option(name: .customLong("visibility"), help: "private, shared, community or public.")
    var visibility: String?
    @Option(name: .customLong("property"), parsing: .singleValue, help: "An extra property, key=value (repeatable).")
    var properties: [String] = []
    @Option(name: .customLong("store"), parsing: .singleValue, help: "Store to put the data in (repeatable with glance-direct/web-download).")
    var stores: [String] = []
    @Option(name: .customLong("method"), help: "direct (PUT /file, the default), glance-direct or web-download.")
    var method: String?
    @Option(name: .customLong("url"), help: "With web-download: the URL the server fetches.")
    var url: String?
    @Option(name: .customLong("image"), help: "Upload into this existing queued image instead of creating one.")
    var existingImage: String?

    func run() throws {
        try runReportingFailures("upload") {
            let planned = try makeJob()
            let stream = try transfer.streamOptions()
            var configured = planned
            configured.stream = stream
            configured.retry = transfer.retryPolicy
            let signedIn = try cloud.signedIn()
            let backend = try signedIn.capable((any Uploader.Backend).self, .upload)
            if case .existing(let reference) = planned.target {
                configured.target = .existing(try ImageLookup.find(reference, backend: signedIn.backend).id)
            }
            let uploader = Uploader(backend: backend)
            let label = file.map { ($0 as NSString).lastPathComponent } ?? (url ?? "upload")
            let job = configured
            let journal = CLIJournal.start(.upload(job), title: name ?? label, session: signedIn.session)
            try TransferRun.perform(label: label, command: "upload", journal: journal) { cancel, progress in
                uploader.run(job, cancel: cancel, progress: progress.show) { image in
                    journal.imageKnown(image)
                    progress.note("created image \(image.id)")
                }
            }
        }
    }

    func makeJob() throws -> UploadJob {
        let chosen = method ?? (url != nil ? "web-download" : "direct")
        let storeList = stores.isEmpty ? nil : stores
        let jobMethod: UploadJob.Method
        switch chosen {
        case "direct", "put":
            guard stores.count <= 1 else { throw CLIFailure.usage("a direct upload goes to one store; use --method glance-direct for several") }
            jobMethod = .direct(store: stores.first)
        case "glance-direct": jobMethod = .glanceDirect(stores: storeList)
        case "web-download":
            guard let url, url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw CLIFailure.usage("web-download needs --url http(s)://…")
            }
            jobMethod = .webDownload(uri: url, stores: storeList)
        default: throw CLIFailure.usage("--method \(chosen): use direct, glance-direct or web-download")
        }
        if case .webDownload = jobMethod {
            if file != nil { throw CLIFailure.usage("web-download takes --url, not a FILE") }
        } else if file == nil {
            throw CLIFailure.usage("give the FILE to upload")
        }
        if let existingImage { return UploadJob(file: file, target: .existing(existingImage), method: jobMethod) }

        var fields: [String: JSONValue] = [:]
        let guess = try detectFormat()
        fields["name"] = .string(name ?? file.map { ($0 as NSString).lastPathComponent } ?? url.map { ($0 as NSString).lastPathComponent } ?? "upload")
        fields["disk_format"] = .string(diskFormat ?? guess?.diskFormat ?? "raw")
        fields["container_format"] = .string(containerFormat ?? guess?.containerFormat ?? "bare")
        if let visibility { fields["visibility"] = .string(visibility) }
        for property in properties {
            guard let eq = property.firstIndex(of: "="), eq != property.startIndex else {
                throw CLIFailure.usage("--property \(property): use key=value")
            }
            // Extra properties are always strings in the Image API.
            fields[String(property[..<eq])] = .string(String(property[property.index(after: eq)...]))
        }
        return UploadJob(file: file, target: .newImage(fields), method: jobMethod)
    }

    /// The detected format, said on stderr when it is used or when it disagrees with --disk-format.
    private func detectFormat() throws -> FormatGuess? {
        guard let file else { return nil }
        let guess: FormatGuess
        do {
            guess = try FormatSample.detect(file).guess
        } catch {
            throw CLIFailure.usage(error.message)
        }
        if let diskFormat, diskFormat != guess.diskFormat {
            FileHandle.standardError.write(Data("note: --disk-format \(diskFormat), but \(guess.evidence) suggests \(guess.diskFormat); the server may refuse the data (415)\n".utf8))
        } else if diskFormat == nil {
            FileHandle.standardError.write(Data("disk format \(guess.diskFormat) (\(guess.evidence))\n".utf8))
        }
        return guess
    }
}

struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy an active image's data to more stores (copy-image import) and follow it.")

    @OptionGroup var cloud: CloudOptions
    @Argument(help: "Image id or exact name.")
    var image: String
    @Option(name: .customLong("store"), parsing: .singleValue, help: "A store to copy to (repeatable).")
    var stores: [String] = []
    @Flag(name: .customLong("all-must-succeed"), help: "Fail unless every store takes the copy.")
    var allMustSucceed = false

    func run() throws {
        try runReportingFailures("copy") {
            guard !stores.isEmpty else { throw CLIFailure.usage("name at least one --store; `glance-tui stores` lists them") }
            let signedIn = try cloud.signedIn()
            let backend = try signedIn.capable((any ImageGetter & ImageImporter).self, .importData)
            let found = try ImageLookup.find(image, backend: signedIn.backend)
            let follower = ImportFollower(backend: backend)
            let stores = self.stores
            let all = allMustSucceed
            try TransferRun.perform(label: found.displayName.isEmpty ? found.id : found.displayName, command: "copy") { cancel, progress in
                follower.copy(imageID: found.id, to: stores, allMustSucceed: all, cancel: cancel, progress: progress.show)
            }
        }
    }
}

struct StoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stores",
        abstract: "List the cloud's stores and import methods.")

    @OptionGroup var cloud: CloudOptions

    func run() throws {
        try runReportingFailures("stores") {
            let importer = try cloud.signedIn().capable((any ImageImporter).self, .importData)
            let options: ImportOptions
            do throws(APIError) { options = try importer.importOptions() } catch { throw CLIFailure.failed(error.userMessage) }
            var out = "import methods: " + (options.methods.isEmpty ? "(not offered)" : options.methods.joined(separator: ", ")) + "\n"
            if options.stores.isEmpty { out += "stores: one (the cloud names none)\n" }
            for store in options.stores {
                out += "store \(store.id)" + (store.isDefault ? " (default)" : "") + (store.isReadOnly ? " (read-only)" : "")
                    + (store.description.map { ": " + $0 } ?? "") + "\n"
            }
            print(TerminalSafe.line(out).replacingOccurrences(of: "\\n", with: "\n"), terminator: "")
        }
    }
}
