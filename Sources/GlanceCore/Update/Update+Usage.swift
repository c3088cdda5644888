import Foundation
import GlanceAPI

/// `:usage`: the project's image quotas (Keystone unified limits) against its use, read after
/// sign-in and again on `:usage` and `r`; the title warns past 90 %, and an upload that would
/// pass a limit is refused before anything is sent.
extension Update {
    static func usageLoaded(_ state: inout AppState, _ result: Result<ImageUsage, APIError>) -> [Effect] {
        switch result {
        case .success(let usage): state.quota = .loaded(usage)
        case .failure(let error): state.quota = .failed(error.userMessage)
        }
        return []
    }

    static func showUsage(_ state: inout AppState) -> [Effect] {
        guard let session = state.session else { return [] }
        if let refusal = session.refusal(.usage) {
            state.notice = refusal
            return []
        }
        enterPane(&state, .usage)
        if state.quota == nil { state.quota = .loading }
        return [.loadUsage]
    }

    static func leaveUsage(_ state: inout AppState) -> [Effect] {
        leavePane(&state, from: .usage)
        return []
    }

    /// Why an upload of `size` bytes as one more image would pass a limit, with the numbers;
    /// nil when it fits or no limit is known.
    static func quotaRefusal(_ state: AppState, uploading size: Int64) -> String? {
        guard case .loaded(let usage)? = state.quota else { return nil }
        if let count = usage[.imageCountTotal], !count.isUnlimited, count.usage + 1 > count.limit {
            return "The project has \(count.usage) images of its limit of \(count.limit) (image_count_total): nothing was sent"
        }
        if let total = usage[.imageSizeTotal], !total.isUnlimited {
            let mebibytes = (size + 1_048_575) / 1_048_576
            if total.usage + mebibytes > total.limit {
                return "\(ByteFormat.human(size)) would pass the project's image_size_total: \(total.usage) MiB used of \(total.limit) MiB, "
                    + "\(max(0, total.limit - total.usage)) MiB left: nothing was sent"
            }
        }
        return nil
    }

    /// "image_count_total 95 %" for every limit past 90 %, for the title bar.
    public static func quotaWarnings(_ state: AppState) -> [String] {
        guard case .loaded(let usage)? = state.quota else { return [] }
        return QuotaResource.allCases.compactMap { resource in
            guard let q = usage[resource], !q.isUnlimited, q.limit > 0 else { return nil }
            let percent = Int((Double(q.usage) / Double(q.limit) * 100).rounded(.down))
            return percent >= 90 ? "\(resource.rawValue) \(percent) %" : nil
        }
    }
}

/// The project's quota as last read.
public enum QuotaState: Equatable, Sendable {
    case loading
    case loaded(ImageUsage)
    case failed(String)
}
